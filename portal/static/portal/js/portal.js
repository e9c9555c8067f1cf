/* Progressive enhancements only: every page works without JavaScript. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-portal-print]")) {
      window.print();
    }
  });
  document.addEventListener("change", function (event) {
    var select = event.target.closest("[data-portal-autosubmit]");
    if (select && select.form) {
      select.form.requestSubmit ? select.form.requestSubmit() : select.form.submit();
    }
  });
})();
