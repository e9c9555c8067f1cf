/* Progressive enhancements only: every page works without JavaScript. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-portal-print]")) {
      window.print();
    }
  });

  /* The « Menu » and « Recherche » skip links lead into the header, which the DSFR folds into modals below
     992 px: there the target is hidden, and following the link would do nothing. Open its modal instead,
     then put the focus on the first field or link of the target. */
  function isShown(element) {
    return element.getClientRects().length > 0 && window.getComputedStyle(element).visibility !== "hidden";
  }

  function firstFocusable(target) {
    if (target.matches("input, a[href], button, select, textarea")) {
      return target;
    }
    return target.querySelector("input:not([type=hidden]), a[href], button, select, textarea");
  }

  function focusWhenShown(target, attempts) {
    var focusable = firstFocusable(target);
    if (focusable && isShown(focusable)) {
      focusable.focus();
    } else if (attempts > 0) {
      window.setTimeout(function () { focusWhenShown(target, attempts - 1); }, 50);
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest(".fr-skiplinks a[href^='#']");
    if (!link) {
      return;
    }
    var target = document.getElementById(link.hash.slice(1));
    var modal = target && target.closest(".fr-modal");
    if (!modal || isShown(target) || !window.dsfr) {
      return;
    }
    event.preventDefault();
    window.dsfr(modal).modal.disclose();
    focusWhenShown(target, 20);
  });
})();
