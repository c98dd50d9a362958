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

// Pickers (thidua/core/pickers.py): a result button [data-pick-id] fills its picker's hidden input and
// search box; typing again clears the chosen id, so a stale choice is never submitted.
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-pick-id]");
    if (!button) {
      return;
    }
    var picker = button.closest("[data-picker]");
    if (!picker) {
      return;
    }
    picker.querySelector("[data-picker-value]").value = button.getAttribute("data-pick-id");
    var query = picker.querySelector("[data-picker-query]");
    query.value = button.getAttribute("data-pick-label");
    picker.querySelector(".picker-results").innerHTML = "";
    query.focus();
  });

  document.addEventListener("input", function (event) {
    var query = event.target.matches && event.target.matches("[data-picker-query]") ? event.target : null;
    if (query) {
      var picker = query.closest("[data-picker]");
      picker.querySelector("[data-picker-value]").value = "";
      picker.querySelectorAll("input[type=radio]").forEach(function (radio) {
        radio.checked = false;
      });
    }
  });

  // <input type=checkbox data-pick-all="staff">: ticks or clears every checkbox named "staff" of its form.
  document.addEventListener("change", function (event) {
    var all = event.target.matches && event.target.matches("[data-pick-all]") ? event.target : null;
    if (all && all.form) {
      var name = all.getAttribute("data-pick-all");
      all.form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        if (box.name === name) {
          box.checked = all.checked;
        }
      });
    }
  });
})();
