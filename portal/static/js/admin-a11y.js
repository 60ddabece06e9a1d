/* Accessibility fixes for the Wagtail admin, loaded on every admin screen.
 *
 * Draftail (rich text) edits in a contenteditable textbox that its field label does not name:
 * the label points at the hidden input the editor replaces (Wagtail issue #14205, open). Until
 * Wagtail names it, point the textbox at the label, for every rich-text field of every form. */
(function () {
  "use strict";

  function nameRichTextEditors() {
    document.querySelectorAll("input[data-draftail-input]").forEach(function (input) {
      var label = document.querySelector('label[for="' + input.id + '"]');
      var box = input.parentElement && input.parentElement.querySelector('[role="textbox"][contenteditable]');
      if (!label || !box || box.hasAttribute("aria-labelledby")) return;
      if (!label.id) label.id = input.id + "-label";
      box.setAttribute("aria-labelledby", label.id);
    });
  }

  // Editors appear after the page loads, and again when a block or a panel is added.
  new MutationObserver(nameRichTextEditors).observe(document.documentElement, {
    childList: true,
    subtree: true,
  });
  document.addEventListener("DOMContentLoaded", nameRichTextEditors);
})();
