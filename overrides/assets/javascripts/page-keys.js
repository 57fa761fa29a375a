// Material moves to the previous or next page on the single keys p , n . — shortcuts of one
// character that cannot be turned off fail WCAG 2.1.4 (a speech-input user saying a word
// would leave the page), so they are stopped before Material's listener sees them: this
// one listens on window in the capture phase, Material's in the bubble phase, so the order
// in which the scripts run does not matter.
import { isEditable } from "./helpers.js";

const PAGE_KEYS = new Set(["p", ",", "n", "."]);

window.addEventListener(
  "keydown",
  (event) => {
    if (!PAGE_KEYS.has(event.key) || event.ctrlKey || event.altKey || event.metaKey) return;
    if (!isEditable(event.target)) event.stopImmediatePropagation();
  },
  true,
);
