// Instant filtering of the bank of practices by form, organisation, year and tag.
// Progressive enhancement: without JavaScript the form stays hidden and the facet links
// lead to static pages (/practices/form/<id>/ …). The choice is kept in the address
// (?form=…&year=…), so a filtered list can be shared and survives «Back».
(function () {
  "use strict";

  function plural(n, one, few, many) {
    var d = n % 10, h = n % 100;
    if (d === 1 && h !== 11) return one;
    if (d >= 2 && d <= 4 && (h < 12 || h > 14)) return few;
    return many;
  }

  function setUp(form) {
    var cards = Array.prototype.slice.call(document.querySelectorAll("[data-practice-list] .practice-card"));
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var result = form.querySelector("[data-practice-filters-result]");
    var empty = document.querySelector("[data-practice-empty]");
    var facets = document.querySelector("[data-practice-facets]");

    function apply() {
      var chosen = selects.filter(function (select) { return select.value; });
      var shown = 0;
      cards.forEach(function (card) {
        var match = chosen.every(function (select) {
          var values = (card.getAttribute("data-" + select.name) || "").split(" ");
          return values.indexOf(select.value) !== -1;
        });
        card.hidden = !match;
        if (match) shown += 1;
      });
      empty.hidden = shown !== 0;
      result.textContent = chosen.length
        ? "Показано " + shown + " " + plural(shown, "практика", "практики", "практик") +
          " из " + cards.length + "."
        : "";
      var query = new URLSearchParams();
      chosen.forEach(function (select) { query.set(select.name, select.value); });
      var search = query.toString();
      window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
    }

    var initial = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      var value = initial.get(select.name);
      if (value && select.querySelector('option[value="' + CSS.escape(value) + '"]')) select.value = value;
    });
    form.hidden = false;
    if (facets) facets.hidden = true;  // the selects carry the same values and counts
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    if (initial.toString()) apply();
  }

  var form = document.querySelector("[data-practice-filters]");
  if (form) setUp(form);
})();
