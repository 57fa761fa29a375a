// Site search on top of Pagefind's JavaScript API (pagefind/pagefind.js, built by
// hooks/search.py): the shared helpers (window.siteSearch) and the header search box.
//
// The header box is an ARIA 1.2 combobox with a listbox popup: results appear while
// typing, arrows move through them, Enter opens one, Esc closes, «/» or «s» focuses the
// box. Without JavaScript the box is a plain form that opens the search page.
(function () {
  "use strict";

  var EXCERPT_WORDS = 24;
  var ROW_TITLE_WORDS = 12;

  // ------------------------------------------------------------------ helpers

  var UNAVAILABLE = "Поиск недоступен: не удалось загрузить поисковый индекс.";

  function foundText(count) {
    return count ? "Найдено: " + count : "Ничего не найдено";
  }

  // The site root, from the header slot; relative, so that the site works from any sub-path.
  function siteRoot() {
    var holder = document.querySelector("[data-search-root]");
    return new URL(holder ? holder.getAttribute("data-search-root") : "./", window.location.href);
  }

  var pagefindPromise = null;

  function loadPagefind() {
    if (!pagefindPromise) {
      var root = siteRoot();
      pagefindPromise = import(new URL("pagefind/pagefind.js", root).href).then(function (pagefind) {
        return pagefind.options({ baseUrl: root.pathname, excerptLength: EXCERPT_WORDS })
          .then(function () { return pagefind; });
      });
      pagefindPromise.catch(function () { pagefindPromise = null; });  // try again next time
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
    var n = 0;
    while (n < a.length && a[n] === b[n]) n += 1;
    return n;
  }

  function foundAsTyped(query, data) {
    var words = data.raw_content.split(/[\r\n\s]+/g);
    var found = data.locations.map(function (at) { return comparable(decode(words[at] || "")); });
    return query.split(/\s+/).map(comparable).filter(Boolean).every(function (term) {
      var need = Math.min(term.length, Math.max(3, Math.ceil(term.length / 2)));
      return found.some(function (word) { return sharedStart(word, term) >= need; });
    });
  }

  function nothingFound(search) {
    var filters = {};
    Object.keys(search.filters || {}).forEach(function (key) {
      filters[key] = {};
      Object.keys(search.filters[key]).forEach(function (value) { filters[key][value] = 0; });
    });
    return { results: [], filters: filters };
  }

  // Pagefind search (query null: all pages that pass the filters), without shortened words.
  function find(query, options) {
    return loadPagefind().then(function (pagefind) {
      return pagefind.search(query, options);
    }).then(function (search) {
      if (!search || !query || !search.results.length) return search;
      return search.results[0].data().then(function (data) {
        return foundAsTyped(query, data) ? search : nothingFound(search);
      });
    });
  }

  // Pagefind's excerpts are HTML-escaped text with <mark> around the found words.
  var decoder = document.createElement("textarea");
  function decode(escaped) {
    decoder.innerHTML = escaped;
    return decoder.value;
  }

  function appendExcerpt(parent, html) {
    html.split(/(<mark>[\s\S]*?<\/mark>)/).forEach(function (piece) {
      if (!piece) return;
      var marked = /^<mark>([\s\S]*)<\/mark>$/.exec(piece);
      if (marked) {
        var mark = document.createElement("mark");
        mark.textContent = decode(marked[1]);
        parent.appendChild(mark);
      } else {
        parent.appendChild(document.createTextNode(decode(piece)));
      }
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // ------------------------------------------------------------------ results

  // Places inside a page that a result can point at: headings with an id (as in Pagefind's
  // own sub-results, except the page title) and table rows with an id, such as the plan's
  // activities (<tr id="activity-1-1-1">), which are not headings.
  function anchorsOf(data) {
    return data.anchors.filter(function (anchor) {
      var tag = anchor.element.toLowerCase();
      if (!anchor.id) return false;
      if (tag === "tr") return true;
      return /^h[2-6]$/.test(tag) && /\S/.test(anchor.text || "");
    }).sort(function (a, b) { return a.location - b.location; });
  }

  function markedWords(words, from, to, hits) {
    return words.slice(from, to).map(function (word, i) {
      return hits.indexOf(from + i) === -1 ? word : "<mark>" + word + "</mark>";
    }).join(" ");
  }

  // A row has no heading: its title is its first cells (number and name), up to a limit.
  function rowTitle(words, start, end) {
    var taken = [];
    for (var i = start; i < end && taken.length < ROW_TITLE_WORDS; i += 1) {
      taken.push(words[i]);
      if (taken.length >= 2 && /\.$/.test(words[i])) break;
    }
    var title = decode(taken.join(" ")).replace(/\.$/, "");
    return i < end && taken.length === ROW_TITLE_WORDS ? title + "…" : title;
  }

  function partsOf(data) {
    var words = data.raw_content.split(/[\r\n\s]+/g);
    var anchors = anchorsOf(data);
    var parts = [];
    anchors.forEach(function (anchor, index) {
      var end = index + 1 < anchors.length ? anchors[index + 1].location : words.length;
      var hits = data.locations.filter(function (at) { return at >= anchor.location && at < end; });
      if (!hits.length) return;
      var from = Math.max(anchor.location, Math.min(hits[0] - 6, end - EXCERPT_WORDS));
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
    var beforeAnchors = data.locations.filter(function (at) {
      return !anchors.length || at < anchors[0].location;
    }).length;
    return { parts: parts, topHits: beforeAnchors };
  }

  // One page of results: where it leads, its title, section, excerpt and the places inside it.
  // A page whose matches all lie in one place leads straight to that place.
  function describe(result, maxParts) {
    return result.data().then(function (data) {
      var found = partsOf(data);
      var item = {
        url: data.url,
        title: data.meta.title || data.url,
        section: data.meta.section || "",
        excerpt: data.excerpt,
        place: "",
        parts: [],
      };
      if (found.topHits === 0 && found.parts.length === 1) {
        var only = found.parts[0];
        item.url = only.url;
        item.place = only.title;
        item.excerpt = only.excerpt;
      } else {
        item.parts = found.parts.slice().sort(function (a, b) {
          return b.hits - a.hits || a.location - b.location;
        }).slice(0, maxParts).sort(function (a, b) { return a.location - b.location; });
      }
      return item;
    });
  }

  // The content of a result: title (with the place inside the page), section, excerpt.
  function fillResult(target, item) {
    var head = element("span", "search-result__head");
    head.appendChild(element("span", "search-result__title", item.title));
    if (item.place) head.appendChild(element("span", "search-result__place", item.place));
    target.appendChild(head);
    if (item.section) target.appendChild(element("span", "search-result__section", item.section));
    var excerpt = element("span", "search-result__excerpt");
    appendExcerpt(excerpt, item.excerpt);
    target.appendChild(excerpt);
  }

  function fillPart(target, part) {
    target.appendChild(element("span", "search-result__title", part.title));
    var excerpt = element("span", "search-result__excerpt");
    appendExcerpt(excerpt, part.excerpt);
    target.appendChild(excerpt);
  }

  // A result as a list item with links, for lists that are not a combobox popup.
  function resultItem(item) {
    var li = element("li", "search-result");
    var link = element("a", "search-result__link");
    link.href = item.url;
    fillResult(link, item);
    li.appendChild(link);
    if (item.parts.length) {
      var list = element("ul", "search-result__parts");
      item.parts.forEach(function (part) {
        var partLink = element("a", "search-result__link search-result__link--part");
        partLink.href = part.url;
        fillPart(partLink, part);
        var partItem = element("li", "search-result__part");
        partItem.appendChild(partLink);
        list.appendChild(partItem);
      });
      li.appendChild(list);
    }
    return li;
  }

  window.siteSearch = {
    load: loadPagefind,
    find: find,
    describe: describe,
    resultItem: resultItem,
    foundText: foundText,
    unavailableText: UNAVAILABLE,
  };

  // ------------------------------------------------------------------ header box

  var HEADER_PAGES = 5;
  var HEADER_PARTS = 2;

  function isEditable(node) {
    return node && (node.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(node.tagName));
  }

  function setUpHeader(box) {
    var form = box.querySelector("form");
    var input = box.querySelector("[role=combobox]");
    var popup = box.querySelector("[data-site-search-popup]");
    var list = box.querySelector("[role=listbox]");
    var status = box.querySelector("[data-site-search-status]");
    var live = box.querySelector("[data-site-search-live]");
    var searchPage = form.getAttribute("action");
    var options = [];
    var active = -1;
    var timer = null;
    var generation = 0;

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
      options.forEach(function (option, i) {
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
      var item = element("li", "site-search__option " + (className || ""));
      item.setAttribute("role", "none");
      var option = element("a", "site-search__link");
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
      items.forEach(function (item) {
        addOption(function (link) { fillResult(link, item); }, item.url);
        item.parts.forEach(function (part) {
          addOption(function (link) { fillPart(link, part); }, part.url, "site-search__option--part");
        });
      });
      if (count > items.length) {
        var all = searchPage + "?q=" + encodeURIComponent(query);
        addOption(function (link) {
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
      var query = input.value.trim();
      var mine = ++generation;
      if (!query) {
        close();
        live.textContent = "";
        return;
      }
      find(query, {}).then(function (search) {
        if (mine !== generation || !search) return null;
        var shown = search.results.slice(0, HEADER_PAGES).map(function (result) {
          return describe(result, HEADER_PARTS);
        });
        return Promise.all(shown).then(function (items) {
          if (mine === generation) show(query, search.results.length, items);
        });
      }).catch(function () {
        if (mine === generation) fail();
      });
    }

    input.addEventListener("focus", function () {
      loadPagefind().catch(function () {});
      if (input.value.trim() && options.length) open();
    });
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(run, 120);
    });
    input.addEventListener("keydown", function (event) {
      var count = options.length;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!count) return;
        event.preventDefault();
        if (popup.hidden) open();
        var step = event.key === "ArrowDown" ? 1 : -1;
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
    box.addEventListener("focusout", function (event) {
      if (!box.contains(event.relatedTarget)) close();
    });
    form.addEventListener("submit", function (event) {
      if (!input.value.trim()) event.preventDefault();
    });
    document.addEventListener("keydown", function (event) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      // By key and by physical key, so that «s» also works with the Russian layout («ы»).
      var slash = event.key === "/" || (event.code === "Slash" && !event.shiftKey);
      var letter = (event.key === "s" || event.code === "KeyS") && !event.shiftKey;
      if (!(slash || letter) || isEditable(document.activeElement)) return;
      event.preventDefault();
      input.focus();
      input.select();
    });
  }

  var box = document.querySelector("[data-site-search]");
  if (box) setUpHeader(box);
})();
