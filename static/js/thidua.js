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

  // The unit tree: button.expander (hx-trigger="click once") loads its branch into the next .sub the first
  // time; every press (a click, Enter or Space) shows or hides the branch and flips aria-expanded, so the
  // button keeps the focus and the tree is operable from the keyboard.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.expander");
    if (!button) {
      return;
    }
    var sub = document.getElementById(button.getAttribute("aria-controls"));
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", open ? "true" : "false");
    button.textContent = open ? "\u2212" : "+";
    if (sub) {
      sub.hidden = !open;
    }
  });
})();
