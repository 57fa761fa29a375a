"""HTML and Markdown of authors and pages: the allowlist, include markers, headings, links,
blocks passed through Markdown, abbreviations and accessibility fixes. Imports only core."""
