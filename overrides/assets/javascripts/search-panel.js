// Search panels: a text query combined with Pagefind filters (facets), on the search page
// and in lists such as the practice bank, with the search functions of search.js.
//
// A panel is an element with data-search-panel that contains (see README, «Поиск»):
//   - a <form hidden> (shown by this script), with an optional query input
//     [data-search-query] and a <select data-search-facet name="KEY"> per Pagefind filter
//     KEY whose first option (value "") means «all»; the script fills in the values and
//     their counts, and leaves out of the list the values that would find nothing;
//   - [data-search-status] for «Найдено: N»;
//   - either [data-search-results], an empty list the script fills with results, or
//     [data-search-cards], a list whose direct children are server-rendered items that
//     each carry data-search-url (the page they stand for) and their facet keys
//     (data-KEY="k1 k2"). A facet choice without words is applied at once to these
//     items; or, when the panel's data-search-index names the list's compact index
//     (bank-index.js) because the items are only the first page of a longer list, to
//     the index, fetched when the form gets the focus or on the first choice: its
//     matching entries then replace the items, and elements with data-search-idle-only
//     (the links to the list's other pages) step aside until nothing is chosen again.
//     A select may list only some values (the bank lists the organisations with the most
//     practices): the index's `values` then add the rest, in their order, once it is loaded.
//     Words are searched with Pagefind; the items on the page show for their results,
//     other results as search results.
// data-search-scope="KEY:VALUE" on the panel restricts it: collection:Практики means the
// pages under practices/ but not the list practices/ itself (overrides/partials/page-body.html).
// «Показать ещё» adds as many results as a server page of a list holds (LIST_PAGE_SIZE in
// mentoring/core/pagination.py, given by the header: search.listPageSize()).
// The state is kept in the address (?q=…&KEY=…), so a search can be shared by link.
import * as search from "./search.js";

// bank-index.js is imported only by a list that filters its items, when it first does:
// the other pages do not download it.
let bankIndex = null;

function indexFunctions() {
  return import("./bank-index.js").then((module) => {
    bankIndex = module;
    return module;
  });
}
const PARTS = 3;

function scopeOf(panel) {
  const scope = {};
  (panel.getAttribute("data-search-scope") || "").split(";").forEach((pair) => {
    const at = pair.indexOf(":");
    if (at > 0) scope[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  });
  return scope;
}

function pathOf(url) {
  return new URL(url, window.location.href).pathname;
}

function sortValues(values) {
  const numeric = values.every((value) => { return /^\d+$/.test(value); });
  return values.sort((a, b) => {
    return numeric ? Number(b) - Number(a) : a.localeCompare(b, "ru");
  });
}

function setUp(panel) {
  const form = panel.querySelector("form");
  const query = panel.querySelector("[data-search-query]");
  const facets = Array.prototype.slice.call(panel.querySelectorAll("select[data-search-facet]"));
  const status = panel.querySelector("[data-search-status]");
  const results = panel.querySelector("[data-search-results]");
  const cardList = panel.querySelector("[data-search-cards]");
  const cards = cardList
    ? Array.prototype.slice.call(cardList.querySelectorAll(":scope > [data-search-url]"))
    : [];
  const cardsByPath = {};
  cards.forEach((card) => { cardsByPath[pathOf(card.getAttribute("data-search-url"))] = card; });
  const scope = scopeOf(panel);
  const indexAddress = panel.getAttribute("data-search-index");
  const pageSize = search.listPageSize();
  // Without an index, the items on the page are the whole list.
  const pageIndex = {
    practices: cards.map((card) => {
      const keys = {};
      facets.forEach((select) => {
        keys[select.name] = (card.getAttribute("data-" + select.name) || "").split(" ").filter(Boolean);
      });
      return { card, keys };
    }),
    labels: {},
  };
  let indexLoaded = false;
  // Every option of each select in its order ("все" first), also those out of the list now:
  // a value that would find nothing is left out of its list (setCounts).
  const optionsOf = {};
  facets.forEach((select) => { optionsOf[select.name] = Array.prototype.slice.call(select.options); });
  const servedCounts = facets.reduce((all, select) => {
    return all.concat(Array.prototype.map.call(select.options, (option) => {
      return [option, option.textContent];
    }));
  }, []);
  const idleOnly = Array.prototype.slice.call(panel.querySelectorAll("[data-search-idle-only]"));
  const more = document.createElement("button");
  more.type = "button";
  more.className = "md-button search-panel__more";
  more.hidden = true;
  const output = results || cardList;
  output.insertAdjacentElement("afterend", more);
  let generation = 0;
  let timer = null;
  let pending = [];  // results found but not shown yet («Показать ещё»)

  function selected() {
    const chosen = {};
    facets.forEach((select) => {
      if (select.value) chosen[select.name] = select.value;
    });
    return chosen;
  }

  function filtersWith(chosen) {
    return Object.assign({}, scope, chosen);
  }

  // Options rendered by the server (value = key, data-label = what people read) are kept;
  // an empty select gets Pagefind's filter values.
  function fillFacets(totals) {
    const wanted = new URLSearchParams(window.location.search);
    facets.forEach((select) => {
      if (select.options.length <= 1) {
        sortValues(Object.keys(totals[select.name] || {})).forEach((value) => {
          const option = new Option(value, value);
          option.setAttribute("data-label", value);
          select.add(option);
          optionsOf[select.name].push(option);
        });
      }
      const values = optionsOf[select.name].map((option) => { return option.value; });
      if (wanted.get(select.name) && values.indexOf(wanted.get(select.name)) !== -1) {
        select.value = wanted.get(select.name);
      }
    });
  }

  let valuesAdded = false;
  // The counts the options show (per facet), or null while they show the served totals.
  let shownCounts = null;

  // Adds to each select the values it lacks that the index lists for its key; options rendered
  // by the server stay, in the index's order. The added options count what the others count:
  // the result set shown now (words included), or without one the index for the current choice.
  function addValues(index) {
    if (valuesAdded || !index.values) return;
    valuesAdded = true;
    facets.forEach((select) => {
      const order = index.values[select.name];
      if (!order) return;
      const served = {};
      optionsOf[select.name].forEach((option) => { served[option.value] = option; });
      optionsOf[select.name] = [optionsOf[select.name][0]].concat(order.map((value) => {
        if (served[value]) return served[value];
        const option = new Option("", value);
        option.setAttribute("data-label", (index.labels[select.name] || {})[value] || value);
        return option;
      }));
    });
    const names = facets.map((select) => { return select.name; });
    setCounts(shownCounts || bankIndex.counts(index.practices, selected(), names));
  }

  function loadIndex() {
    return indexFunctions().then((functions) => { return functions.load(indexAddress); });
  }

  // Puts exactly `options` in the select, in their order, keeping its value. Options out of
  // the list are removed, not hidden: Safari on the iPhone lists hidden options too.
  function listOptions(select, options) {
    const same = options.length === select.options.length &&
      options.every((option, i) => { return select.options[i] === option; });
    if (same) return;
    const value = select.value;
    select.replaceChildren(...options);
    select.value = value;
  }

  // Each option shows how many entries it would find. Values that would find nothing are
  // left out of the list, on every facet alike, but for the chosen one (so that it can be
  // seen and undone): a phone's picker and a screen reader then go through only the values
  // that give results, not through hundreds of unavailable organisations or tags.
  function setCounts(countsPerFacet) {
    shownCounts = countsPerFacet;
    facets.forEach((select) => {
      const counts = countsPerFacet[select.name] || {};
      listOptions(select, optionsOf[select.name].filter((option, i) => {
        if (i === 0) return true;
        const count = counts[option.value] || 0;
        option.textContent = option.getAttribute("data-label") + " (" + count + ")";
        return count > 0 || option.value === select.value;
      }));
    });
  }

  // A choice without words is applied to the whole list from its index, in the list's own
  // order; the counts come from the index too. Returns how many entries match.
  function filterFromIndex(index, chosen, idle) {
    const names = facets.map((select) => { return select.name; });
    setCounts(bankIndex.counts(index.practices, chosen, names));
    clearShown();
    if (idle) {
      showAllCards();
      return index.practices.length;
    }
    const found = index.practices.filter((practice) => { return bankIndex.matches(practice, chosen); });
    pending = found.map((practice) => { return { practice, labels: index.labels }; });
    return found.length;
  }

  // Counts follow the query: for a facet with a chosen value they are counted as if it
  // were not chosen (otherwise every other value would show 0).
  function updateCounts(pagefind, text, chosen, main) {
    const lookups = facets.map((select) => {
      if (!chosen[select.name]) return Promise.resolve(main.filters);
      const others = Object.assign({}, chosen);
      delete others[select.name];
      return searchFor(pagefind, text, others).then((found) => { return found.filters; });
    });
    return Promise.all(lookups).then((countsPerFacet) => {
      const counts = {};
      facets.forEach((select, i) => { counts[select.name] = countsPerFacet[i][select.name]; });
      return function apply() { setCounts(counts); };
    });
  }

  function saveState(text, chosen) {
    const params = new URLSearchParams();
    if (text) params.set("q", text);
    Object.keys(chosen).forEach((key) => { params.set(key, chosen[key]); });
    const address = window.location.pathname + (params.toString() ? "?" + params : "");
    window.history.replaceState(null, "", address + window.location.hash);
  }

  function setIdle(idle) {
    idleOnly.forEach((element) => { element.hidden = !idle; });
  }

  function showAllCards() {
    cards.forEach((card) => {
      card.hidden = false;
      cardList.appendChild(card);
    });
    setIdle(true);
  }

  // Hides the page's own items and removes what the script added.
  function clearShown() {
    if (results) results.textContent = "";
    if (cardList) {
      Array.prototype.slice.call(cardList.children).forEach((child) => {
        if (cards.indexOf(child) === -1) child.remove();
      });
    }
    cards.forEach((card) => { card.hidden = true; });
    setIdle(false);
  }

  // The next batch of what was found: index entries as cards, Pagefind results as the
  // page's own items where it has them, otherwise as search results.
  function showNext(mine) {
    const batch = pending.splice(0, pageSize);
    const described = batch.map((found) => {
      return found.practice ? Promise.resolve(found) : search.describe(found, PARTS);
    });
    return Promise.all(described)
      .then((items) => {
        if (mine !== generation) return;
        items.forEach((item) => {
          if (item.practice && item.practice.card) {
            item.practice.card.hidden = false;
            cardList.appendChild(item.practice.card);
            return;
          }
          if (item.practice) {
            output.appendChild(bankIndex.cardItem(item.practice, item.labels));
            return;
          }
          const card = cardsByPath[pathOf(item.url.split("#")[0])];
          if (card) {
            card.hidden = false;
            cardList.appendChild(card);  // in the order of relevance
          } else {
            output.appendChild(search.resultItem(item));
          }
        });
        more.hidden = pending.length === 0;
        more.textContent = "Показать ещё (осталось: " + pending.length + ")";
      });
  }

  // With nothing asked and no scope, Pagefind's totals stand for the (empty) search.
  function searchFor(pagefind, text, chosen) {
    const filters = filtersWith(chosen);
    if (!text && !Object.keys(filters).length) {
      return pagefind.filters().then((totals) => { return { results: [], filters: totals }; });
    }
    return search.find(text || null, { filters });
  }

  function run() {
    const text = query ? query.value.trim() : "";
    const chosen = selected();
    const idle = !text && !Object.keys(chosen).length;
    const mine = ++generation;
    saveState(text, chosen);
    if (cardList && !text) {
      pending = [];
      more.hidden = true;
      if (idle && !indexLoaded) {
        showAllCards();  // the page as served, with the whole list's counts
        servedCounts.forEach(([option, text]) => { option.textContent = text; });
        facets.forEach((select) => { listOptions(select, optionsOf[select.name]); });
        shownCounts = null;
        status.textContent = "";
        output.setAttribute("aria-busy", "false");
        return;
      }
      output.setAttribute("aria-busy", "true");
      indexFunctions().then((functions) => {
        return indexAddress ? functions.load(indexAddress) : pageIndex;
      }).then((index) => {
        indexLoaded = true;
        addValues(index);
        if (mine !== generation) return null;
        const shown = filterFromIndex(index, chosen, idle);
        more.hidden = true;
        if (idle) {
          status.textContent = "";
          return null;
        }
        return showNext(mine).then(() => {
          if (mine === generation) status.textContent = search.foundText(shown);
        });
      }).catch(() => {
        if (mine !== generation) return;
        showAllCards();
        status.textContent = search.UNAVAILABLE;
      }).then(() => {
        if (mine === generation) output.setAttribute("aria-busy", "false");
      });
      return;
    }
    output.setAttribute("aria-busy", "true");
    // Pagefind counts filter values in results only once its filters are loaded.
    search.loadPagefind().then((pagefind) => {
      return pagefind.filters().then(() => { return pagefind; });
    }).then((pagefind) => {
      return searchFor(pagefind, text, chosen).then((main) => {
        return updateCounts(pagefind, text, chosen, main).then((applyCounts) => {
          if (mine !== generation) return null;
          applyCounts();
          clearShown();
          pending = idle ? [] : main.results.slice();
          more.hidden = true;
          if (idle) {
            // Nothing asked: the whole list, or an empty search page.
            if (cardList) showAllCards();
            status.textContent = "";
            return null;
          }
          // Announced once the first results are in the list.
          return showNext(mine).then(() => {
            if (mine === generation) status.textContent = search.foundText(main.results.length);
          });
        });
      });
    }).catch(() => {
      if (mine !== generation) return;
      if (cardList) showAllCards();
      status.textContent = search.UNAVAILABLE;
    }).then(() => {
      if (mine === generation) output.setAttribute("aria-busy", "false");
    });
  }

  form.hidden = false;
  // What the panel replaces (e.g. the bank's static facet links) steps aside.
  Array.prototype.forEach.call(panel.querySelectorAll("[data-search-hide]"), (element) => {
    element.hidden = true;
  });
  form.addEventListener("reset", () => {
    window.clearTimeout(timer);
    window.setTimeout(run, 0);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    window.clearTimeout(timer);
    run();
  });
  form.addEventListener("change", (event) => {
    if (event.target.tagName === "SELECT") run();
  });
  if (query) {
    query.value = new URLSearchParams(window.location.search).get("q") || "";
    query.addEventListener("input", () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(run, 200);
    });
  }
  more.addEventListener("click", () => { showNext(generation); });
  if (indexAddress) {
    // The index starts loading as soon as the visitor turns to the filters.
    form.addEventListener("focusin", () => {
      loadIndex().then((index) => {
        indexLoaded = true;
        addValues(index);
      }).catch(() => {});
    });
  }

  if (cardList) {
    // The list filters itself; the index is loaded at once only when the address chooses a
    // value that the page's selects do not list.
    const wanted = new URLSearchParams(window.location.search);
    const unlisted = facets.some((select) => {
      const value = wanted.get(select.name);
      return value && !Array.prototype.some.call(select.options, (option) => {
        return option.value === value;
      });
    });
    const ready = indexAddress && unlisted
      ? loadIndex().then(addValues).catch(() => {})
      : Promise.resolve();
    ready.then(() => {
      fillFacets({});
      run();
    });
    return;
  }
  // Pagefind (its script, WebAssembly and filter index) is the heaviest part of the page:
  // loaded at once for a search given in the address, otherwise when the visitor turns to
  // the form (the query field comes first, so the facets are filled before they are reached).
  function loadFacets() {
    output.setAttribute("aria-busy", "true");
    search.loadPagefind().then((pagefind) => { return pagefind.filters(); }).then((totals) => {
      fillFacets(totals);
      run();
    }).catch(() => {
      status.textContent = search.UNAVAILABLE;
      output.setAttribute("aria-busy", "false");
    });
  }
  if (window.location.search) loadFacets();
  else form.addEventListener("focusin", loadFacets, { once: true });
}

Array.prototype.forEach.call(document.querySelectorAll("[data-search-panel]"), setUp);
