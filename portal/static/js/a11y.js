/* Accessibility toolbar and the phone menu. Loaded in <head> so the reader's choices apply before
   the first paint; the choices are kept in localStorage and so follow the reader across pages. */
(function () {
  "use strict";
  var KEY = "portal-a11y";
  var root = document.documentElement;
  var MIN = -1, MAX = 3;

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY)) || {}; } catch (e) { return {}; }
  }
  function save(prefs) {
    try { localStorage.setItem(KEY, JSON.stringify(prefs)); } catch (e) { /* private mode */ }
  }
  function apply(prefs) {
    var size = prefs.size || 0;
    for (var i = MIN; i <= MAX; i++) { root.classList.remove("text-" + i); }
    if (size) { root.classList.add("text-" + size); }
    root.classList.toggle("high-contrast", !!prefs.contrast);
    root.classList.toggle("underline-links", !!prefs.underline);
  }

  root.classList.add("js");
  apply(load());

  function syncButtons(prefs) {
    document.querySelectorAll("[data-a11y=contrast]").forEach(function (b) { b.setAttribute("aria-pressed", String(!!prefs.contrast)); });
    document.querySelectorAll("[data-a11y=underline]").forEach(function (b) { b.setAttribute("aria-pressed", String(!!prefs.underline)); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var prefs = load();
    syncButtons(prefs);
    var status = document.querySelector("[data-a11y-status]");
    document.querySelectorAll("[data-a11y]").forEach(function (button) {
      if (button.tagName !== "BUTTON") { return; }
      button.addEventListener("click", function () {
        var action = button.getAttribute("data-a11y");
        var p = load();
        if (action === "larger") { p.size = Math.min((p.size || 0) + 1, MAX); }
        if (action === "smaller") { p.size = Math.max((p.size || 0) - 1, MIN); }
        if (action === "contrast") { p.contrast = !p.contrast; }
        if (action === "underline") { p.underline = !p.underline; }
        if (action === "reset") { p = {}; }
        save(p);
        apply(p);
        syncButtons(p);
        if (status) { status.textContent = button.textContent.trim() || button.getAttribute("aria-label"); }
      });
    });

    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });

    var toggle = document.querySelector(".menu-toggle");
    if (toggle) {
      var menu = document.getElementById(toggle.getAttribute("aria-controls"));
      toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") !== "true";
        toggle.setAttribute("aria-expanded", String(open));
        menu.classList.toggle("open", open);
      });
    }
  });
})();
