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

  /* Read the page aloud with the browser's own speech (TT 32/2017 Art. 18 encourages it). The
     button stays hidden where the browser cannot speak. The main content is read in short pieces:
     some browsers stop a long utterance after about fifteen seconds. */
  function speechLanguage() {
    return (root.lang || "vi").toLowerCase().indexOf("en") === 0 ? "en-US" : "vi-VN";
  }
  function pickVoice(synth, lang) {
    var voices = synth.getVoices ? synth.getVoices() : [];
    var prefix = lang.slice(0, 2).toLowerCase();
    var exact = null, close = null;
    for (var i = 0; i < voices.length; i++) {
      var code = (voices[i].lang || "").replace("_", "-").toLowerCase();
      if (code === lang.toLowerCase()) { exact = exact || voices[i]; }
      if (code.indexOf(prefix) === 0) { close = close || voices[i]; }
    }
    return exact || close;
  }
  function pieces(text) {
    var out = [];
    text.split(/\n+/).forEach(function (line) {
      line = line.replace(/\s+/g, " ").trim();
      while (line.length > 220) {
        var cut = line.lastIndexOf(". ", 220);
        if (cut < 60) { cut = line.lastIndexOf(" ", 220); }
        if (cut < 1) { cut = 220; }
        out.push(line.slice(0, cut + 1).trim());
        line = line.slice(cut + 1).trim();
      }
      if (line) { out.push(line); }
    });
    return out;
  }
  function setUpReadAloud(button) {
    if (!button || !("speechSynthesis" in window) || !("SpeechSynthesisUtterance" in window)) { return; }
    var synth = window.speechSynthesis;
    var startLabel = button.getAttribute("data-label-start");
    var stopLabel = button.getAttribute("data-label-stop");
    var reading = false;
    function show(isReading) {
      reading = isReading;
      button.textContent = isReading ? stopLabel : startLabel;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      if (reading) { synth.cancel(); show(false); return; }
      var main = document.querySelector("main");
      var parts = pieces(main ? main.innerText : "");
      if (!parts.length) { return; }
      var lang = speechLanguage();
      var voice = pickVoice(synth, lang);
      synth.cancel();
      parts.forEach(function (part, index) {
        var utterance = new SpeechSynthesisUtterance(part);
        utterance.lang = lang;
        if (voice) { utterance.voice = voice; }
        if (index === parts.length - 1) {
          utterance.onend = function () { show(false); };
        }
        utterance.onerror = function () { show(false); };
        synth.speak(utterance);
      });
      show(true);
    });
    window.addEventListener("pagehide", function () { if (reading) { synth.cancel(); } });
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

    setUpReadAloud(document.querySelector("[data-read-aloud]"));

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
