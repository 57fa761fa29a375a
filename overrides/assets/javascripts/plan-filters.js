// Filters of the plan table by responsible party and status. Progressive enhancement:
// without JavaScript the form stays hidden and the whole plan is shown.
(function () {
  "use strict";

  function plural(n, one, few, many) {
    var d = n % 10, h = n % 100;
    if (d === 1 && h !== 11) return one;
    if (d >= 2 && d <= 4 && (h < 12 || h > 14)) return few;
    return many;
  }

  function setUp(form) {
    var rows = Array.prototype.slice.call(document.querySelectorAll(".plan-activity"));
    var result = form.querySelector("[data-plan-filters-result]");

    function apply() {
      var responsible = form.elements.responsible.value;
      var status = form.elements.status.value;
      var shown = 0;
      rows.forEach(function (row) {
        var parties = row.getAttribute("data-responsible").split("|");
        var match = (!responsible || parties.indexOf(responsible) !== -1) &&
          (!status || row.getAttribute("data-status") === status);
        row.hidden = !match;
        if (match) shown += 1;
      });
      // Hide tables, section and direction headings that have nothing left to show.
      document.querySelectorAll(".plan-table").forEach(function (table) {
        var visible = table.querySelector(".plan-activity:not([hidden])") !== null;
        table.hidden = !visible;
        var heading = table.previousElementSibling;
        if (heading && heading.classList.contains("plan-section")) heading.hidden = !visible;
      });
      document.querySelectorAll(".plan-direction").forEach(function (heading) {
        var node = heading.nextElementSibling, visible = false;
        while (node && !node.classList.contains("plan-direction")) {
          if (node.classList.contains("plan-table") && !node.hidden) visible = true;
          node = node.nextElementSibling;
        }
        heading.hidden = !visible;
      });
      var filtered = responsible || status;
      result.textContent = filtered
        ? "Показано " + shown + " " + plural(shown, "мероприятие", "мероприятия", "мероприятий") +
          " из " + rows.length + "."
        : "";
    }

    form.hidden = false;
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
  }

  var form = document.querySelector("[data-plan-filters]");
  if (form) setUp(form);
})();
