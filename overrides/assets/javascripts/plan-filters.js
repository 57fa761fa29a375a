// Filters of the plan table by responsible party and status. Progressive enhancement:
// without JavaScript the form stays hidden and the whole plan is shown.
import { countWords } from "./helpers.js";

const ACTIVITIES = { one: "мероприятие", few: "мероприятия", many: "мероприятий" };

function setUp(form) {
  const rows = Array.prototype.slice.call(document.querySelectorAll(".plan-activity"));
  const result = form.querySelector("[data-plan-filters-result]");

  function apply() {
    const responsible = form.elements.responsible.value;
    const status = form.elements.status.value;
    let shown = 0;
    rows.forEach((row) => {
      const parties = row.getAttribute("data-responsible").split("|");
      const match = (!responsible || parties.indexOf(responsible) !== -1) &&
        (!status || row.getAttribute("data-status") === status);
      row.hidden = !match;
      if (match) shown += 1;
    });
    // Hide tables, section and direction headings that have nothing left to show.
    document.querySelectorAll(".plan-table").forEach((table) => {
      const visible = table.querySelector(".plan-activity:not([hidden])") !== null;
      table.hidden = !visible;
      const heading = table.previousElementSibling;
      if (heading && heading.classList.contains("plan-section")) heading.hidden = !visible;
    });
    document.querySelectorAll(".plan-direction").forEach((heading) => {
      let node = heading.nextElementSibling, visible = false;
      while (node && !node.classList.contains("plan-direction")) {
        if (node.classList.contains("plan-table") && !node.hidden) visible = true;
        node = node.nextElementSibling;
      }
      heading.hidden = !visible;
    });
    const filtered = responsible || status;
    result.textContent = filtered
      ? `Показано ${countWords(shown, ACTIVITIES)} из ${rows.length}.`
      : "";
  }

  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("reset", () => { window.setTimeout(apply, 0); });
  form.addEventListener("submit", (event) => { event.preventDefault(); });
}

const form = document.querySelector("[data-plan-filters]");
if (form) setUp(form);
