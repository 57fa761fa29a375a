// ESLint (flat config) for the site's own JavaScript: `make lint` runs it through `npm ci`'s
// pinned ESLint 9 (package-lock.json). Material's bundle and Pagefind's files are not ours.
import js from "@eslint/js";
import globals from "globals";

const ours = "overrides/assets/javascripts/";

export default [
  { ignores: ["site/**", "node_modules/**", ".venv*/**"] },
  {
    files: [`${ours}**/*.js`],
    ...js.configs.recommended,
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: globals.browser,
    },
    rules: {
      ...js.configs.recommended.rules,
      "no-var": "error",
      "prefer-const": "error",
      "prefer-arrow-callback": "error",
      "object-shorthand": "error",
      eqeqeq: "error",
      "no-implicit-globals": "error",
    },
  },
  {
    // The one classic script: it must run before the first paint (overrides/main.html).
    files: [`${ours}accessibility.js`],
    languageOptions: { sourceType: "script" },
  },
];
