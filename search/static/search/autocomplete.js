/* Search-as-you-type: the ARIA 1.2 combobox pattern (list autocomplete) on every search box that
   names a suggestion address in data-suggest-url. Without JavaScript the box is a plain search
   field and its form submits to the search page; the combobox roles are only added here, so a
   screen reader never hears of a list that cannot open. */
(function () {
  "use strict";
  var DELAY_MS = 200;
  var MIN_LENGTH = 2;

  function setUp(input) {
    var list = document.getElementById(input.getAttribute("data-listbox"));
    var status = document.getElementById(input.getAttribute("data-status"));
    if (!list || !status) { return; }
    var url = input.getAttribute("data-suggest-url");
    var timer = null;
    var pending = null;
    var options = [];
    var active = -1;
    var lastText = null;

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("autocomplete", "off");

    function announce(count) {
      var text;
      if (count === 0) { text = list.getAttribute("data-none"); }
      else if (count === 1) { text = list.getAttribute("data-one"); }
      else { text = list.getAttribute("data-many").replace("{count}", String(count)); }
      status.textContent = text;
    }

    function open() {
      if (!options.length) { return; }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    function setActive(index) {
      if (active >= 0 && options[active]) {
        options[active].setAttribute("aria-selected", "false");
      }
      active = index;
      if (index >= 0 && options[index]) {
        options[index].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(option) {
      window.location.assign(option.getAttribute("data-url"));
    }

    function render(suggestions) {
      list.textContent = "";
      options = suggestions.map(function (suggestion, index) {
        var option = document.createElement("li");
        option.id = list.id + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.setAttribute("data-url", suggestion.url);
        option.className = "combobox-option";
        var title = document.createElement("span");
        title.className = "combobox-title";
        title.textContent = suggestion.title;
        var kind = document.createElement("span");
        kind.className = "combobox-kind";
        kind.textContent = suggestion.kind_label + (suggestion.code ? " · " + suggestion.code : "");
        option.appendChild(title);
        option.appendChild(document.createTextNode(" "));
        option.appendChild(kind);
        list.appendChild(option);
        return option;
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      announce(options.length);
      if (options.length) { open(); } else { close(); }
    }

    function fetchSuggestions() {
      var text = input.value.trim();
      if (text === lastText) { return; }
      lastText = text;
      if (pending) { pending.abort(); pending = null; }
      if (text.length < MIN_LENGTH) {
        options = [];
        list.textContent = "";
        status.textContent = "";
        close();
        return;
      }
      var controller = new AbortController();
      pending = controller;
      var address = url + (url.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(text);
      fetch(address, { signal: controller.signal, headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) {
          if (pending !== controller) { return; }
          pending = null;
          render(data.suggestions || []);
        })
        .catch(function () { /* aborted by a newer request, or offline: the form still works */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var expanded = !list.hidden;
      switch (event.key) {
        case "ArrowDown":
          if (!options.length) { return; }
          event.preventDefault();
          if (!expanded) { open(); }
          setActive(active + 1 < options.length ? active + 1 : 0);
          break;
        case "ArrowUp":
          if (!options.length) { return; }
          event.preventDefault();
          if (!expanded) { open(); }
          setActive(active > 0 ? active - 1 : options.length - 1);
          break;
        case "Enter":
          // With no suggestion chosen, Enter submits the form to the search page as usual.
          if (expanded && active >= 0) {
            event.preventDefault();
            choose(options[active]);
          }
          break;
        case "Escape":
          if (expanded) {
            event.preventDefault();
            close();
          }
          break;
        case "Tab":
          close();
          break;
        default:
          break;
      }
    });

    // Keep the focus in the box while a suggestion is clicked, so the list does not close first.
    list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    list.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) { choose(option); }
    });
    input.addEventListener("blur", close);
  }

  function start() {
    if (!("fetch" in window) || !("AbortController" in window)) { return; }
    document.querySelectorAll("input[data-suggest-url]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
