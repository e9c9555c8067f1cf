/* Names for the fields Wagtail's editor draws in the browser without one (loaded by portal.wagtail_hooks).

   The tag field: Wagtail 8.0.1 hides the <input> its label points to and lets jQuery tag-it type into a new,
   unlabelled one, which screen readers announce as a bare « zone de texte » (axe-core: `label`, critical).
   The new input is named by the original field's label (Wagtail gives it the id `<input id>-label`) and
   described by its help text. Tag fields appear later in inline panels: a MutationObserver names those too. */
(function () {
  "use strict";

  function nameTagInputs() {
    document.querySelectorAll("input[data-controller~='w-tag'][id]").forEach(function (original) {
      var list = original.nextElementSibling;
      var input = list && list.matches("ul.tagit") && list.querySelector("input.ui-autocomplete-input");
      var label = document.getElementById(original.id + "-label");
      if (!input || !label || input.hasAttribute("aria-labelledby")) {
        return;
      }
      input.setAttribute("aria-labelledby", label.id);
      if (original.hasAttribute("aria-describedby")) {
        input.setAttribute("aria-describedby", original.getAttribute("aria-describedby"));
      }
    });
  }

  function start() {
    nameTagInputs();
    new MutationObserver(nameTagInputs).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
