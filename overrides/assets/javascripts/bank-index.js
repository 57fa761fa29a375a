// The compact index of the practice bank (practices/bank.json, mentoring/practice_pages.py):
// every practice with its facet keys, fetched the first time a visitor filters, so that the
// bank's page carries only its newest practices. Filtering and counting run on the index.
//
// Cards made here are the server's cards (templates/practices/card.html.j2) without the
// summary, which the index leaves out to stay small.

let cached = null;

// The index as a list of practices: {url (absolute), title, date, sample, keys: {KEY: [...]}},
// with labels (KEY → value → label) and values (KEY → every value in the menu's order).
export function load(address) {
  if (!cached) {
    const url = new URL(address, window.location.href);
    cached = fetch(url.href).then((response) => {
      if (!response.ok) throw new Error(response.statusText);
      return response.json();
    }).then((index) => {
      const at = {};
      index.fields.forEach((name, i) => { at[name] = i; });
      const facetKeys = ["form", "organization", "year", "tag", "review"];
      const practices = index.practices.map((row) => {
        const keys = {};
        facetKeys.forEach((key) => { keys[key] = row[at[key]] ? String(row[at[key]]).split(" ") : []; });
        return {
          url: new URL(row[at.url], url).href,
          title: row[at.title],
          date: row[at.date],
          sample: Boolean(row[at.sample]),
          keys,
        };
      });
      return { practices, labels: index.labels, values: index.values || {} };
    });
    cached.catch(() => { cached = null; });  // try again next time
  }
  return cached;
}

// Whether a practice has every chosen value (KEY → value), the facet `except` aside.
export function matches(practice, chosen, except) {
  return Object.keys(chosen).every((key) => {
    return key === except || (practice.keys[key] || []).indexOf(chosen[key]) !== -1;
  });
}

// Per facet KEY: value → practices that have it and every other chosen value, so that the
// counts of a facet with a chosen value show what choosing another value would give.
export function counts(practices, chosen, keys) {
  const result = {};
  keys.forEach((key) => {
    const perValue = {};
    practices.forEach((practice) => {
      if (!matches(practice, chosen, key)) return;
      (practice.keys[key] || []).forEach((value) => { perValue[value] = (perValue[value] || 0) + 1; });
    });
    result[key] = perValue;
  });
  return result;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function numericDate(iso) {
  const [year, month, day] = iso.split("-");
  return day + "." + month + "." + year;
}

// A list item with the practice's card, carrying the same data attributes as the server's
// and data-search-index-item.
export function cardItem(practice, labels) {
  const item = element("li", "practice-list__item");
  item.setAttribute("data-search-url", practice.url);
  item.setAttribute("data-search-index-item", "");
  Object.keys(practice.keys).forEach((key) => {
    item.setAttribute("data-" + key, practice.keys[key].join(" "));
  });
  const card = element("article", "practice-card" + (practice.sample ? " is-sample" : ""));
  const title = element("h3", "practice-card__title");
  const link = element("a", "", practice.title);
  link.href = practice.url;
  title.appendChild(link);
  card.appendChild(title);
  if (practice.sample) {
    const badge = element("p", "sample-badge");
    badge.appendChild(element("strong", "", "Образец оформления."));
    card.appendChild(badge);
  }
  const review = practice.keys.review[0];
  if (review) {
    const badge = element("p", "review-badge review-badge--" + review, labels.review[review]);
    if (practice.sample) {
      badge.appendChild(document.createTextNode(" "));
      badge.appendChild(element("span", "review-badge__sample", "(образец)"));
    }
    card.appendChild(badge);
  }
  const meta = element("p", "practice-card__meta");
  meta.appendChild(element("span", "practice-card__organization",
    labels.organization[practice.keys.organization[0]]));
  meta.appendChild(document.createTextNode(" · "));
  meta.appendChild(element("span", "practice-card__forms",
    practice.keys.form.map((form) => { return labels.form[form]; }).join(", ")));
  meta.appendChild(document.createTextNode(" · "));
  const time = element("time", "", numericDate(practice.date));
  time.setAttribute("datetime", practice.date);
  meta.appendChild(time);
  card.appendChild(meta);
  item.appendChild(card);
  return item;
}
