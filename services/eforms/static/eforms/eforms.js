/* E-forms: filter the commune list when the province changes. Without this script a
   "Show the communes of this province" button reloads the step with the right list. */
(function () {
  "use strict";
  var cache = {};

  function load(url) {
    if (!cache[url]) {
      cache[url] = fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      });
    }
    return cache[url];
  }

  function fill(select, rows, placeholder) {
    var current = select.value;
    select.textContent = "";
    var first = document.createElement("option");
    first.value = "";
    first.textContent = placeholder;
    select.appendChild(first);
    rows.forEach(function (row) {
      var option = document.createElement("option");
      option.value = row[0];
      option.textContent = row[1];
      option.selected = row[0] === current;
      select.appendChild(option);
    });
  }

  document.querySelectorAll("select[data-eforms-province]").forEach(function (province) {
    var commune = document.getElementById(province.getAttribute("data-eforms-commune"));
    var fieldset = province.closest("fieldset");
    var refresh = fieldset && fieldset.querySelector("[data-eforms-refresh]");
    if (!commune || !refresh) { return; }
    var url = refresh.getAttribute("data-eforms-communes-url");
    var chooseCommune = commune.getAttribute("data-eforms-choose") || "";
    var chooseProvince = commune.getAttribute("data-eforms-choose-province") || "";
    refresh.hidden = true;
    province.addEventListener("change", function () {
      if (!province.value) { fill(commune, [], chooseProvince); return; }
      load(url).then(function (communes) {
        fill(commune, communes[province.value] || [], chooseCommune);
      }).catch(function () {
        refresh.hidden = false;
      });
    });
  });
})();
