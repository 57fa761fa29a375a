"""Python-Markdown extension: write HTML, not XHTML (``<img …>`` rather than ``<img … />``).

MkDocs gives Markdown no way to choose the output format, and XHTML's trailing slash on
void elements is flagged by the W3C Nu HTML Checker. Listed in mkdocs.yml under
``markdown_extensions`` as ``mentoring.html.output``.
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.serializers import to_html_string


class HtmlOutput(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # Markdown() sets its serializer from the format name only after registering the
        # extensions, and MkDocs leaves that name at "xhtml": for this instance it means HTML.
        md.output_formats = {**md.output_formats, "xhtml": to_html_string}  # type: ignore[misc]


def makeExtension(**kwargs: object) -> HtmlOutput:
    return HtmlOutput(**kwargs)
