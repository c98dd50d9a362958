// Page behaviour that would otherwise be inline (the Content Security Policy allows scripts from 'self' only).
// Markup opts in with data attributes, so pages swapped in by htmx work the same without re-binding.
(function () {
  "use strict";

  // <select data-autosubmit>: choosing an option submits the form (the language switch).
  document.addEventListener("change", function (event) {
    var select = event.target.closest && event.target.closest("select[data-autosubmit]");
    if (select && select.form) {
      if (select.form.requestSubmit) {
        select.form.requestSubmit();
      } else {
        select.form.submit();
      }
    }
  });

  // <button data-disable-on-request hx-get=…>: used once (expanding a branch of the unit tree loads it once).
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail && event.detail.elt;
    if (elt && elt.matches && elt.matches("[data-disable-on-request]")) {
      elt.disabled = true;
    }
  });
})();
