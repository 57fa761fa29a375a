// Writes entries as Sveltia CMS saves them (dist/sveltia-cms.js 0.221.1, functions c2 and
// gDe): the `yaml` library it bundles, its stringify options, keys in the order of the
// collection's fields, front matter as "---\n<yaml>\n---\n\n<body>\n".
// Usage: node serialize.mjs <yaml package folder>  (jobs as JSON on stdin)
// Job: {"file": path, "format": "frontmatter" | "yaml", "order": {name: order | null}}
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const YAML = createRequire(import.meta.url)(process.argv[2]);
const OPTIONS = {
  indent: 2,
  indentSeq: true,
  lineWidth: 0,
  defaultKeyType: "PLAIN",
  defaultStringType: "PLAIN",
  singleQuote: true,
};

// The editor keeps what its fields describe, in their order; empty optional values are
// left out (output.omit_empty_optional_fields).
function ordered(value, order) {
  if (Array.isArray(value)) return value.map((item) => ordered(item, order));
  if (value === null || typeof value !== "object" || !order) return value;
  const result = {};
  for (const [name, inner] of Object.entries(order)) {
    if (name in value && value[name] !== "" && value[name] !== null) {
      result[name] = ordered(value[name], inner);
    }
  }
  return result;
}

function frontMatter(text) {
  const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text);
  if (!match) throw new Error("no front matter");
  return [YAML.parse(match[1]), match[2].trim()];
}

for (const job of JSON.parse(readFileSync(0, "utf8"))) {
  const text = readFileSync(job.file, "utf8");
  if (job.format === "yaml") {
    const data = ordered(YAML.parse(text), job.order);
    writeFileSync(job.file, `${YAML.stringify(data, null, OPTIONS).trim()}\n`);
  } else {
    const [fields, body] = frontMatter(text);
    const yaml = YAML.stringify(ordered(fields, job.order), null, OPTIONS).trim();
    writeFileSync(job.file, `---\n${yaml}\n---\n${body ? `\n${body}\n` : ""}`);
  }
}
