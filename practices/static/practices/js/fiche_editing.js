/* Submitting a new fiche while Wagtail's autosave is creating it (see practices/fiche_editing.py).
 *
 * Autosave creates the page in the background, then points the form at the page's edit URL. A click on
 * « Soumettre à la modération » during that request would still post to the add URL and create a second
 * page: the submission waits for the autosave to finish, then goes to the edit URL. And when the server
 * answered a submission from the add URL with the edit view of the draft it saved, the address bar is
 * set to that edit URL, as autosave itself does, so that reloading the page does not post again.
 * Finally, autosave keeps watching the form shown again after a refused submission.
 */
(function () {
  'use strict';

  var EDIT_URL = /\/admin\/pages\/\d+\/edit\/$/;

  function setUp(form) {
    var pending = false;
    var waiting = null;

    form.addEventListener('w-autosave:save', function () { pending = true; });

    // A form shown again after a refusal is marked as changed (force): Wagtail's change tracker then
    // autosaves it once and never starts watching the fields, so nothing typed afterwards was saved.
    // Once that first autosave is through, start the tracker as on a fresh form.
    var forced = form.getAttribute('data-w-unsaved-force-value') === 'true';
    form.addEventListener('w-autosave:success', function () {
      if (!forced) return;
      forced = false;
      form.setAttribute('data-w-unsaved-check-interval-value', '499');
    });
    ['w-autosave:success', 'w-autosave:error'].forEach(function (name) {
      form.addEventListener(name, function () {
        pending = false;
        if (waiting) {
          var submitter = waiting;
          waiting = null;
          resubmit(submitter);
        }
      });
    });

    function resubmit(submitter) {
      // The action button may have been disabled by its progress indicator: carry its name in a field.
      if (submitter && submitter.name) {
        var field = document.createElement('input');
        field.type = 'hidden';
        field.name = submitter.name;
        field.value = submitter.value || '1';
        form.appendChild(field);
      }
      form.requestSubmit();
    }

    // Capture phase: before Wagtail's own submit handlers.
    form.addEventListener('submit', function (event) {
      if (pending) {
        event.preventDefault();
        event.stopImmediatePropagation();
        waiting = event.submitter || { name: '' };
        return;
      }
      // Leaving the page: no background creation may start behind this submission.
      form.setAttribute('data-w-autosave-active-value', 'false');
    }, true);

    if (/\/admin\/pages\/add\//.test(window.location.pathname) && EDIT_URL.test(new URL(form.action).pathname)) {
      window.history.replaceState(null, '', form.action);
    }
  }

  function init() {
    var form = document.querySelector('form[data-edit-form]');
    if (form && form.querySelector('[data-fiche-completeness]')) setUp(form);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
