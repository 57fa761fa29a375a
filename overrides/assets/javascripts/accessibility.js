// Version for the visually impaired («Версия для слабовидящих»).
//
// Loaded as a blocking script in <head> (overrides/main.html): the stored settings are put
// on <html> as data-a11y-* attributes before the first paint, so a page never flashes in
// the normal colours; accessibility.css does the rest. It is the site's one classic
// script: an ES module is deferred and would run after the first paint. Once the page is
// parsed, the panel in the header (partials/accessibility-toggle.html) is wired up.
// Settings are kept in localStorage under a key of the site's root path, so they hold
// across pages and visits. The page keys guard is page-keys.js.
// Written for this site on purpose: no third-party widget, nothing loaded from outside.
(function () {
  "use strict";

  // Each setting and its values; the first value is the default.
  const OPTIONS = {
    font: ["100", "150", "200"],
    scheme: ["bw", "wb", "blue"],
    spacing: ["normal", "wide"],
    images: ["on", "off"]
  };
  const NAMES = Object.keys(OPTIONS);
  const root = document.documentElement;
  // This file is assets/javascripts/accessibility.js: the site root is two levels up.
  const KEY = "a11y:" + new URL("../..", document.currentScript.src).pathname;

  // Stored settings, each checked against OPTIONS; null means the normal version.
  function load() {
    let stored;
    try {
      stored = JSON.parse(window.localStorage.getItem(KEY));
    } catch {
      return null; // storage disabled or a damaged value: show the normal version
    }
    return stored && typeof stored === "object" ? complete(stored) : null;
  }

  function complete(partial) {
    const settings = {};
    NAMES.forEach((name) => {
      const value = partial[name];
      settings[name] = OPTIONS[name].indexOf(value) !== -1 ? value : OPTIONS[name][0];
    });
    return settings;
  }

  function save(settings) {
    try {
      if (settings) window.localStorage.setItem(KEY, JSON.stringify(settings));
      else window.localStorage.removeItem(KEY);
    } catch {
      // Without storage the choice still holds on this page.
    }
  }

  function apply(settings) {
    NAMES.forEach((name) => {
      if (settings) root.setAttribute("data-a11y-" + name, settings[name]);
      else root.removeAttribute("data-a11y-" + name);
    });
    if (settings) root.setAttribute("data-a11y", "on");
    else root.removeAttribute("data-a11y");
  }

  apply(load());
  root.classList.add("a11y-js");

  // With images switched off, each described image is replaced by its description.
  function addImageDescriptions() {
    document.querySelectorAll(".md-content img[alt]").forEach((image) => {
      const text = image.getAttribute("alt").trim();
      if (!text) return;
      const description = document.createElement("span");
      description.className = "a11y-alt";
      description.textContent = "Изображение: " + text;
      image.insertAdjacentElement("afterend", description);
    });
  }

  function setUpPanel() {
    const toggle = document.querySelector("[data-a11y-toggle]");
    if (!toggle) return;
    const panel = document.getElementById(toggle.getAttribute("aria-controls"));
    const form = panel.querySelector("[data-a11y-form]");
    const status = panel.querySelector("[data-a11y-status]");

    function show(settings) {
      NAMES.forEach((name) => {
        form.querySelectorAll('input[name="' + name + '"]').forEach((input) => {
          input.checked = settings !== null && input.value === settings[name];
        });
      });
    }

    function choose(settings, message) {
      save(settings);
      apply(settings);
      show(settings);
      status.textContent = message;
    }

    function open(opened) {
      panel.hidden = !opened;
      toggle.setAttribute("aria-expanded", String(opened));
    }

    function close() {
      open(false);
      toggle.focus();
    }

    show(load());
    toggle.addEventListener("click", () => {
      open(panel.hidden);
    });
    form.addEventListener("change", () => {
      const chosen = {};
      NAMES.forEach((name) => {
        const checked = form.querySelector('input[name="' + name + '"]:checked');
        if (checked) chosen[name] = checked.value;
      });
      choose(complete(chosen), "Включена версия для слабовидящих.");
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
    });
    document.querySelectorAll("[data-a11y-reset]").forEach((button) => {
      button.addEventListener("click", () => {
        choose(null, "Включена обычная версия.");
        // The header button that was pressed disappears with the version it belonged to.
        if (!panel.contains(button)) toggle.focus();
      });
    });
    panel.querySelector("[data-a11y-close]").addEventListener("click", close);
    document.addEventListener("keydown", (event) => {
      const inside = panel.contains(document.activeElement) || document.activeElement === toggle;
      if (event.key === "Escape" && !panel.hidden && inside) close();
    });
    document.addEventListener("click", (event) => {
      if (!panel.hidden && !panel.contains(event.target) && !toggle.contains(event.target)) {
        open(false);
      }
    });
  }

  // On narrow screens Material opens the navigation with a <label> for a hidden checkbox,
  // which the keyboard cannot reach: it becomes a button that moves focus into the menu,
  // and Esc closes the menu again (accessibility.css keeps the closed menu out of reach).
  function setUpDrawerButton() {
    const drawer = document.getElementById("__drawer");
    const button = document.querySelector('.md-header label[for="__drawer"]');
    if (!drawer || !button) return;
    button.setAttribute("role", "button");
    button.setAttribute("tabindex", "0");
    button.setAttribute("aria-label", "Меню навигации");
    function sync() {
      button.setAttribute("aria-expanded", String(drawer.checked));
    }
    sync();
    drawer.addEventListener("change", sync);
    button.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      event.stopPropagation(); // Material's own Enter handler would click the label again
      drawer.click();
      const first = document.querySelector(".md-sidebar--primary a[href]");
      if (drawer.checked && first) first.focus();
    });
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && drawer.checked) {
        drawer.click();
        button.focus();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    addImageDescriptions();
    setUpPanel();
    setUpDrawerButton();
  });
})();
