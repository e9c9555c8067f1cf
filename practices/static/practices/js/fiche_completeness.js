/* Live completeness meter of the fiche form (practices.models.panels.CompletenessPanel).
 *
 * The server renders the meter from the same list of required parts (practices.models.completeness);
 * this script re-judges the form as the editor types, so that what is missing is named before a
 * submission is refused. The status line is an aria-live="polite" region, rewritten only when the
 * result changes, so that screen readers hear each change once.
 */
(function () {
  'use strict';

  function richTextIsFilled(value) {
    // Draftail keeps its content in a hidden input as a JSON contentState ("null" when empty).
    try {
      var state = JSON.parse(value);
      if (!state || !state.blocks) return false;
      return state.blocks.some(function (block) {
        return (block.text || '').trim() !== '' || block.type === 'atomic';
      });
    } catch (error) {
      var div = document.createElement('div');
      div.innerHTML = value;
      return (div.textContent || '').replace(/\u00a0/g, ' ').trim() !== '';
    }
  }

  function isFilled(form, name) {
    var fields = form.querySelectorAll('[name="' + name + '"]');
    if (!fields.length) return true; // not on this form: the server judges it
    for (var i = 0; i < fields.length; i += 1) {
      var field = fields[i];
      if (field.type === 'checkbox' || field.type === 'radio') {
        if (field.checked) return true;
      } else if (field.tagName === 'SELECT') {
        if (field.value !== '') return true;
      } else if (field.type === 'hidden' && field.value && /^[\[{n]/.test(field.value.trim())) {
        if (richTextIsFilled(field.value)) return true;
      } else if ((field.value || '').trim() !== '') {
        return true;
      }
    }
    return false;
  }

  function joinFrench(items, and) {
    if (items.length <= 1) return items.join('');
    return items.slice(0, -1).join(', ') + ' ' + and + ' ' + items[items.length - 1];
  }

  function setUp(meter) {
    var form = meter.closest('form');
    if (!form) return;
    var required = JSON.parse(meter.dataset.required);
    var scoreLabel = meter.querySelector('[data-completeness-score]');
    var srScore = meter.querySelector('[data-completeness-sr]');
    var progress = meter.querySelector('[data-completeness-progress]');
    var missingText = meter.querySelector('[data-completeness-missing]');
    var last = null;

    function update() {
      var missing = required
        .filter(function (part) { return !isFilled(form, part.name); })
        .map(function (part) { return part.label; });
      var score = Math.round((100 * (required.length - missing.length)) / required.length);
      var signature = score + '|' + missing.join('|');
      if (signature === last) return;
      last = signature;
      var scoreText = meter.dataset.scoreTemplate.replace('{score}', score);
      scoreLabel.textContent = scoreText;
      srScore.textContent = scoreText + ' — ';
      progress.value = score;
      progress.textContent = score + ' %';
      missingText.textContent = missing.length
        ? meter.dataset.missingTemplate.replace('{parts}', joinFrench(missing, meter.dataset.and))
        : meter.dataset.completeText;
      meter.classList.toggle('help-warning', missing.length > 0);
      meter.classList.toggle('help-info', missing.length === 0);
      meter.dataset.score = score;
    }

    // What the server rendered is already said: remember it, so that loading the page announces nothing.
    if (String(progress.value) === String(Math.round(progress.value))) {
      var initialMissing = required
        .filter(function (part) { return !isFilled(form, part.name); })
        .map(function (part) { return part.label; });
      var initialScore = Math.round((100 * (required.length - initialMissing.length)) / required.length);
      if (initialScore === Number(progress.value)) last = initialScore + '|' + initialMissing.join('|');
    }
    meter.dataset.score = progress.value;

    form.addEventListener('input', update);
    form.addEventListener('change', update);
    // The rich-text editors write their hidden input without an input event: look again now and then.
    window.setInterval(update, 700);
    update();
  }

  function init() {
    document.querySelectorAll('[data-fiche-completeness]').forEach(setUp);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
