// Helpers shared by the site's modules: imported where needed, never shared as globals.

// A field where a typed key is text, not a keyboard shortcut.
export function isEditable(element) {
  return Boolean(element) &&
    (element.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(element.tagName));
}

const russianPlural = new Intl.PluralRules("ru");

// The word form for a count by the Russian plural rules: forms.one (1, 21, 101…),
// forms.few (2–4, 22–24…) or forms.many (0, 5–20, 25…).
export function plural(count, forms) {
  return forms[russianPlural.select(count)] ?? forms.many;
}

// «Показано 5 мероприятий»: the count and its word form.
export function countWords(count, forms) {
  return `${count} ${plural(count, forms)}`;
}
