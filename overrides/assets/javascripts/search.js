// Site search on top of Pagefind's JavaScript API (pagefind/pagefind.js, built by
// hooks/search.py): the functions that search-panel.js imports, and the header search box.
//
// The header box is an ARIA 1.2 combobox with a listbox popup: results appear while
// typing, arrows move through them, Enter opens one, Esc closes, «/» or «s» focuses the
// box. Without JavaScript the box is a plain form that opens the search page.
import { isEditable } from "./helpers.js";
const EXCERPT_WORDS = 24;
const ROW_TITLE_WORDS = 12;

// ------------------------------------------------------------------ helpers

export const UNAVAILABLE = "Поиск недоступен: не удалось загрузить поисковый индекс.";

export function foundText(count) {
  return count ? "Найдено: " + count : "Ничего не найдено";
}

// The site root, from the header slot; relative, so that the site works from any sub-path.
function siteRoot() {
  const holder = document.querySelector("[data-search-root]");
  return new URL(holder ? holder.getAttribute("data-search-root") : "./", window.location.href);
}

// How many items a server page of a list holds (LIST_PAGE_SIZE, from the header slot): the
// search panels show as many at a time. Without the slot, everything at once.
export function listPageSize() {
  const holder = document.querySelector("[data-list-page-size]");
  return holder ? Number(holder.getAttribute("data-list-page-size")) : Infinity;
}

let pagefindPromise = null;

export function loadPagefind() {
  if (!pagefindPromise) {
    const root = siteRoot();
    pagefindPromise = import(new URL("pagefind/pagefind.js", root).href).then((pagefind) => {
      return pagefind.options({ baseUrl: root.pathname, excerptLength: EXCERPT_WORDS })
        .then(() => { return pagefind; });
    });
    pagefindPromise.catch(() => { pagefindPromise = null; });  // try again next time
  }
  return pagefindPromise;
}

// Pagefind shortens a query word that is nowhere on the site until something matches
// («квазар» finds every «к»). Then the found words of the best result share too little
// with that query word, and nothing was really found.
function comparable(word) {
  return word.toLowerCase().normalize("NFD").replace(/[^\p{L}\p{N}]/gu, "");
}

function sharedStart(a, b) {
  let n = 0;
  while (n < a.length && a[n] === b[n]) n += 1;
  return n;
}

function foundAsTyped(query, data) {
  const words = data.raw_content.split(/[\r\n\s]+/g);
  const found = data.locations.map((at) => { return comparable(decode(words[at] || "")); });
  return query.split(/\s+/).map(comparable).filter(Boolean).every((term) => {
    const need = Math.min(term.length, Math.max(3, Math.ceil(term.length / 2)));
    return found.some((word) => { return sharedStart(word, term) >= need; });
  });
}

function nothingFound(search) {
  const filters = {};
  Object.keys(search.filters || {}).forEach((key) => {
    filters[key] = {};
    Object.keys(search.filters[key]).forEach((value) => { filters[key][value] = 0; });
  });
  return { results: [], filters };
}

// Pagefind search (query null: all pages that pass the filters), without shortened words.
export function find(query, options) {
  return loadPagefind().then((pagefind) => {
    return pagefind.search(query, options);
  }).then((search) => {
    if (!search || !query || !search.results.length) return search;
    return search.results[0].data().then((data) => {
      return foundAsTyped(query, data) ? search : nothingFound(search);
    });
  });
}

// Pagefind's excerpts are HTML-escaped text with <mark> around the found words.
const decoder = document.createElement("textarea");
function decode(escaped) {
  decoder.innerHTML = escaped;
  return decoder.value;
}

function appendExcerpt(parent, html) {
  html.split(/(<mark>[\s\S]*?<\/mark>)/).forEach((piece) => {
    if (!piece) return;
    const marked = /^<mark>([\s\S]*)<\/mark>$/.exec(piece);
    if (marked) {
      const mark = document.createElement("mark");
      mark.textContent = decode(marked[1]);
      parent.appendChild(mark);
    } else {
      parent.appendChild(document.createTextNode(decode(piece)));
    }
  });
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

// ------------------------------------------------------------------ results

// Places inside a page that a result can point at: headings with an id (as in Pagefind's
// own sub-results, except the page title) and table rows with an id, such as the plan's
// activities (<tr id="activity-1-1-1">), which are not headings.
function anchorsOf(data) {
  return data.anchors.filter((anchor) => {
    const tag = anchor.element.toLowerCase();
    if (!anchor.id) return false;
    if (tag === "tr") return true;
    return /^h[2-6]$/.test(tag) && /\S/.test(anchor.text || "");
  }).sort((a, b) => { return a.location - b.location; });
}

function markedWords(words, from, to, hits) {
  return words.slice(from, to).map((word, i) => {
    return hits.indexOf(from + i) === -1 ? word : "<mark>" + word + "</mark>";
  }).join(" ");
}

// A row has no heading: its title is its first cells (number and name), up to a limit.
function rowTitle(words, start, end) {
  const taken = [];
  let i = start;
  for (; i < end && taken.length < ROW_TITLE_WORDS; i += 1) {
    taken.push(words[i]);
    if (taken.length >= 2 && /\.$/.test(words[i])) break;
  }
  const title = decode(taken.join(" ")).replace(/\.$/, "");
  return i < end && taken.length === ROW_TITLE_WORDS ? title + "…" : title;
}

function partsOf(data) {
  const words = data.raw_content.split(/[\r\n\s]+/g);
  const anchors = anchorsOf(data);
  const parts = [];
  anchors.forEach((anchor, index) => {
    const end = index + 1 < anchors.length ? anchors[index + 1].location : words.length;
    const hits = data.locations.filter((at) => { return at >= anchor.location && at < end; });
    if (!hits.length) return;
    const from = Math.max(anchor.location, Math.min(hits[0] - 6, end - EXCERPT_WORDS));
    parts.push({
      url: data.url.split("#")[0] + "#" + anchor.id,
      title: anchor.element.toLowerCase() === "tr"
        ? rowTitle(words, anchor.location, end)
        : anchor.text.replace(/\s*¶$/, ""),
      excerpt: markedWords(words, from, Math.min(end, from + EXCERPT_WORDS), hits),
      hits: hits.length,
      location: anchor.location,
    });
  });
  const beforeAnchors = data.locations.filter((at) => {
    return !anchors.length || at < anchors[0].location;
  }).length;
  return { parts, topHits: beforeAnchors };
}

// One page of results: where it leads, its title, section, excerpt and the places inside it.
// A page whose matches all lie in one place leads straight to that place.
export function describe(result, maxParts) {
  return result.data().then((data) => {
    const found = partsOf(data);
    const item = {
      url: data.url,
      title: data.meta.title || data.url,
      section: data.meta.section || "",
      excerpt: data.excerpt,
      place: "",
      parts: [],
    };
    if (found.topHits === 0 && found.parts.length === 1) {
      const only = found.parts[0];
      item.url = only.url;
      item.place = only.title;
      item.excerpt = only.excerpt;
    } else {
      item.parts = found.parts.slice().sort((a, b) => {
        return b.hits - a.hits || a.location - b.location;
      }).slice(0, maxParts).sort((a, b) => { return a.location - b.location; });
    }
    return item;
  });
}

// The content of a result: title (with the place inside the page), section, excerpt.
function fillResult(target, item) {
  const head = element("span", "search-result__head");
  head.appendChild(element("span", "search-result__title", item.title));
  if (item.place) head.appendChild(element("span", "search-result__place", item.place));
  target.appendChild(head);
  if (item.section) target.appendChild(element("span", "search-result__section", item.section));
  const excerpt = element("span", "search-result__excerpt");
  appendExcerpt(excerpt, item.excerpt);
  target.appendChild(excerpt);
}

function fillPart(target, part) {
  target.appendChild(element("span", "search-result__title", part.title));
  const excerpt = element("span", "search-result__excerpt");
  appendExcerpt(excerpt, part.excerpt);
  target.appendChild(excerpt);
}

// A result as a list item with links, for lists that are not a combobox popup.
export function resultItem(item) {
  const li = element("li", "search-result");
  const link = element("a", "search-result__link");
  link.href = item.url;
  fillResult(link, item);
  li.appendChild(link);
  if (item.parts.length) {
    const list = element("ul", "search-result__parts");
    item.parts.forEach((part) => {
      const partLink = element("a", "search-result__link search-result__link--part");
      partLink.href = part.url;
      fillPart(partLink, part);
      const partItem = element("li", "search-result__part");
      partItem.appendChild(partLink);
      list.appendChild(partItem);
    });
    li.appendChild(list);
  }
  return li;
}

// ------------------------------------------------------------------ header box

const HEADER_PAGES = 5;
const HEADER_PARTS = 2;

function setUpHeader(box) {
  const form = box.querySelector("form");
  const input = box.querySelector("[role=combobox]");
  const popup = box.querySelector("[data-site-search-popup]");
  const list = box.querySelector("[role=listbox]");
  const status = box.querySelector("[data-site-search-status]");
  const live = box.querySelector("[data-site-search-live]");
  const searchPage = form.getAttribute("action");
  let options = [];
  let active = -1;
  let timer = null;
  let generation = 0;

  function open() {
    popup.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function close() {
    popup.hidden = true;
    input.setAttribute("aria-expanded", "false");
    activate(-1);
  }

  function activate(index) {
    options.forEach((option, i) => {
      option.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    active = index;
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  // Each option is the link itself (a[role=option]), so it also opens in a new tab.
  function addOption(fill, url, className) {
    const item = element("li", "site-search__option " + (className || ""));
    item.setAttribute("role", "none");
    const option = element("a", "site-search__link");
    option.id = "site-search-option-" + options.length;
    option.setAttribute("role", "option");
    option.setAttribute("aria-selected", "false");
    option.href = url;
    option.tabIndex = -1;
    fill(option);
    item.appendChild(option);
    list.appendChild(item);
    options.push(option);
  }

  function show(query, count, items) {
    list.textContent = "";
    options = [];
    active = -1;
    items.forEach((item) => {
      addOption((link) => { fillResult(link, item); }, item.url);
      item.parts.forEach((part) => {
        addOption((link) => { fillPart(link, part); }, part.url, "site-search__option--part");
      });
    });
    if (count > items.length) {
      const all = searchPage + "?q=" + encodeURIComponent(query);
      addOption((link) => {
        link.textContent = "Все результаты (" + count + ") на странице поиска";
      }, all, "site-search__option--all");
    }
    status.textContent = foundText(count);
    live.textContent = foundText(count);
    activate(-1);
    open();
  }

  function fail() {
    list.textContent = "";
    options = [];
    status.textContent = UNAVAILABLE;
    live.textContent = status.textContent;
    open();
  }

  function run() {
    const query = input.value.trim();
    const mine = ++generation;
    if (!query) {
      close();
      live.textContent = "";
      return;
    }
    find(query, {}).then((search) => {
      if (mine !== generation || !search) return null;
      const shown = search.results.slice(0, HEADER_PAGES).map((result) => {
        return describe(result, HEADER_PARTS);
      });
      return Promise.all(shown).then((items) => {
        if (mine === generation) show(query, search.results.length, items);
      });
    }).catch(() => {
      if (mine === generation) fail();
    });
  }

  input.addEventListener("focus", () => {
    loadPagefind().catch(() => {});
    if (input.value.trim() && options.length) open();
  });
  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 120);
  });
  input.addEventListener("keydown", (event) => {
    const count = options.length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!count) return;
      event.preventDefault();
      if (popup.hidden) open();
      const step = event.key === "ArrowDown" ? 1 : -1;
      activate(active === -1 && step < 0 ? count - 1 : (active + step + count) % count);
    } else if (event.key === "Enter" && active >= 0 && !popup.hidden) {
      event.preventDefault();
      window.location.assign(options[active].href);
    } else if (event.key === "Escape") {
      event.preventDefault();
      if (!popup.hidden) {
        close();
      } else if (input.value) {
        input.value = "";
        run();
      } else {
        input.blur();
      }
    }
  });
  box.addEventListener("focusout", (event) => {
    if (!box.contains(event.relatedTarget)) close();
  });
  form.addEventListener("submit", (event) => {
    if (!input.value.trim()) event.preventDefault();
  });
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    // By key and by physical key, so that «s» also works with the Russian layout («ы»).
    const slash = event.key === "/" || (event.code === "Slash" && !event.shiftKey);
    const letter = (event.key === "s" || event.code === "KeyS") && !event.shiftKey;
    if (!(slash || letter) || isEditable(document.activeElement)) return;
    event.preventDefault();
    input.focus();
    input.select();
  });
}

const box = document.querySelector("[data-site-search]");
if (box) setUpHeader(box);
