"""Hostile inputs shared by the unit, build and browser tests of the sanitizer (issue 12).

``REFUSED`` are written in Markdown text (entry bodies, docs/ pages): each must fail with a
Russian message at its line. ``SHOWN_*`` are tricks that the site shows as text: in fields
(titles, summaries, names…), in code, or escaped by Markdown; a site holding them must build,
and Chromium loading its pages must see no dialog, no author script and no foreign request.
Scripts in both set ``window.__hostile`` or call ``alert``; loads go to evil.example.
"""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Vector:
    name: str
    text: str
    line: int = 0  # the line of the refused construct, counted from the vector's first line

    @property
    def id(self) -> str:
        return self.name


EVIL = "https://evil.example"

REFUSED = [
    # the examples of issue 12
    Vector("img-slash-onerror", "<img/src=x alt=x onerror=alert(1)>"),
    Vector("svg-slash-onload", "<svg/onload=alert(1)>"),
    Vector("comment-closed-by-bang", "<!--x--!><img src=x alt=x onerror=alert(1)>"),
    Vector("javascript-link", "[x](javascript:alert(1))"),
    Vector("javascript-reference", "[x][r]\n\n[r]: javascript:alert(1)", line=2),
    Vector("attr-list-remote-src", f"![Фото](photo.png){{ src={EVIL}/x.png }}"),
    Vector("attr-list-style-url", f'Абзац\n{{: style="background:url({EVIL}/x)" }}', line=1),
    Vector("attr-list-config-id", "Абзац\n{: #__config }", line=1),
    Vector("pre-mermaid", "<pre class=mermaid>graph TD; A-->B</pre>"),
    # case, entities, whitespace, «/» for a space, unquoted values
    Vector("upper-case-tag", "<IMG SRC=x ALT=x ONERROR=alert(1)>"),
    Vector("mixed-case-script", "<ScRiPt>window.__hostile=1</sCrIpT>"),
    Vector("entity-in-scheme", "[x](&#106;avascript:alert(1))"),
    Vector("hex-entities", '<a href="&#x6A;avascript&#x3A;alert(1)">x</a>'),
    Vector("tab-in-scheme", '<a href="java&#x09;script:alert(1)">x</a>'),
    Vector("named-newline-in-scheme", '<a href="jav&NewLine;ascript:alert(1)">x</a>'),
    Vector("control-before-scheme", '<a href="&#14;javascript:alert(1)">x</a>'),
    Vector("leading-space-scheme", '<a href=" javascript:alert(1)">x</a>'),
    Vector("upper-case-scheme", "[x](JaVaScRiPt:alert(1))"),
    Vector("unquoted-href", "<a href=javascript:alert(1)>x</a>"),
    Vector("slash-before-attribute", "<a/href=javascript:alert(1)>x</a>"),
    Vector("spaces-around-equals", "<img src=x alt=x onerror  =  alert(1)>"),
    Vector("newlines-in-tag", "<img\nsrc=x\nalt=x\nonerror=alert(1)>", line=3),
    # nested and unclosed tags
    Vector("nested", "<p><b><i><svg><script>alert(1)</script></svg></i></b></p>"),
    Vector("unclosed-script", "<svg><script>alert(1)"),
    Vector("tag-name-with-lt", "x<a<b autofocus tabindex=1 onfocus=alert(1)>"),
    Vector("noscript-mxss", '<noscript><p title="</noscript><img src=x alt=x onerror=alert(1)>">'),
    Vector("template", "<template><img src=x alt=x onerror=alert(1)></template>"),
    Vector("body-onload", "<body onload=alert(1)>"),
    Vector("comment-then-body", "<!--x--!><body onload=alert(1)>"),
    # SVG and MathML
    Vector("svg-xlink", '<svg><a xlink:href="javascript:alert(1)"><text y=20>x</text></a></svg>'),
    Vector("svg-use", f'<svg><use href="{EVIL}/s.svg#x"/></svg>'),
    Vector("mathml", "<math><mtext><img src=x alt=x onerror=alert(1)></mtext></math>"),
    # data: and vbscript: addresses
    Vector("data-link", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"),
    Vector("data-image", "![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)"),
    Vector("vbscript-link", "[x](vbscript:msgbox(1))"),
    # remote images in every syntax
    Vector("remote-image", f"![x]({EVIL}/x.png)"),
    Vector("http-image", "![x](http://evil.example/x.png)"),
    Vector("reference-image", f"![x][img]\n\n[img]: {EVIL}/x.png", line=2),
    Vector("protocol-relative-image", "![x](//evil.example/x.png)"),
    Vector("backslash-image", "![x](\\\\evil.example\\x.png)"),
    Vector("slash-backslash-image", '<img src="/\\evil.example/x.png" alt=x>'),
    Vector("srcset", f'<img src=x.png alt=x srcset="{EVIL}/x.png 2x">'),
    # embedding, forms, styles, document tags
    Vector("iframe-srcdoc", '<iframe srcdoc="<script>alert(1)</script>"></iframe>'),
    Vector("object", f'<object data="{EVIL}/x.swf"></object>'),
    Vector("embed", f"<embed src={EVIL}/x>"),
    Vector("video", f"<video src={EVIL}/v.mp4></video>"),
    Vector("formaction", "<form><button formaction=javascript:alert(1)>x</button></form>"),
    Vector("input-autofocus", "<input autofocus onfocus=alert(1)>"),
    Vector("style-element", f"<style>body{{background:url({EVIL}/x)}}</style>"),
    Vector("style-attribute", '<a href="https://example.org" style="position:fixed">x</a>'),
    Vector("link-element", f"<link rel=stylesheet href={EVIL}/x.css>"),
    Vector("meta-refresh", f'<meta http-equiv=refresh content="0;url={EVIL}">'),
    Vector("base", f'<base href="{EVIL}/">'),
    # attribute lists and classes
    Vector("attr-list-onclick", '[Программа](programma.pdf){: onclick="alert(1)" }'),
    Vector("attr-list-javascript-href", "[Ссылка](#){ href=javascript:alert(1) }"),
    Vector("details-ontoggle", "<details open ontoggle=alert(1)><summary>x</summary></details>"),
    Vector("theme-id-heading", "## __config"),
    Vector("theme-class", "Абзац\n{: .md-typeset }", line=1),
    Vector("admonition-theme-class", '!!! md-button "x"\n    y'),
]

# Tricks that fields show as text (every text field is escaped), and code that shows them.
SHOWN_IN_FIELDS = [
    "<img/src=x alt=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    '"><script>window.__hostile=1</script>',
    "<!--x--!><img src=x alt=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    f"![x]({EVIL}/x.png)",
    "{: #__config }",
    "<pre class=mermaid>graph TD; A-->B</pre>",
    "&#106;avascript:alert(1) &amp; &lt;b&gt;",
    f"<iframe src={EVIL}/></iframe>",
]
# Markdown itself escapes these (a tag without a space between attributes, a tag left
# open): they are shown as text, so they build.
SHOWN_IN_BODIES = [
    '<img src="x"alt="x"onerror="alert(1)">',
    "<img src=x alt=x onerror=alert(1)",
]
SHOWN_IN_CODE = (
    "Код: `<img src=x alt=x onerror=alert(1)>` и `<svg/onload=alert(1)>`.\n\n"
    "```html\n<script>window.__hostile=1</script>\n"
    f'<img src="{EVIL}/x.png" alt="">\n```\n\n'
    "Текст a < b и 2 > 1, javascript:alert(1) просто словами, &lt;script&gt;.\n"
)
# Item 9: names with quotes and an ampersand read exactly so.
ORGANIZATION_NAME = 'Школа "Гимназия № 3" & лицей'

# Front matter of each kind of author file, and where its body goes (docs/ pages have none).
_FRONT_MATTER = {
    "news": "title: Новость\nsummary: Кратко.\n",
    "materials": "title: Материал\nsummary: Кратко.\ndate: 2022-05-10\n",
    "practices": (
        "title: Практика\norganization: school-1\nforms: [pedagog-pedagog]\n"
        "date: 2024-05-20\nsummary: Кратко.\n"
    ),
}
INTRODUCTION = "Вступление.\n\n"


def author_file(kind: str, name: str, body: str) -> tuple[str, str, int]:
    """(path in the project, text, line where ``body`` starts) of one author file."""
    if kind == "docs":
        return f"docs/hostile/{name}.md", f"# Страница\n\n{INTRODUCTION}{body}\n", 5
    file_name = f"2022-01-01-{name}.md" if kind == "news" else f"{name}.md"
    front_matter = _FRONT_MATTER[kind]
    text = f"---\n{front_matter}---\n\n{INTRODUCTION}{body}\n"
    return f"content/{kind}/{file_name}", text, front_matter.count("\n") + 6


KINDS = ("news", "materials", "practices", "docs")


def write_refused(project, vectors=REFUSED) -> dict[str, list[str]]:
    """Every vector in a file of each kind; returns, by vector, the «path:line» expected."""
    expected: dict[str, list[str]] = {}
    for vector in vectors:
        for kind in KINDS:
            path, text, line = author_file(kind, vector.name, vector.text)
            file = project / path
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(text, "utf-8")
            expected.setdefault(vector.name, []).append(f"{path}:{line + vector.line}")
    return expected


ABBREVIATION = "ШГЛ"  # a glossary term whose full name is ORGANIZATION_NAME


def write_shown(project) -> None:
    """A site whose fields, code and escaped text hold the ``SHOWN_*`` tricks (over the
    minimal and practices fixtures): it must build and run nothing in a browser."""
    content = project / "content"
    organizations = content / "organizations.yaml"
    organizations.write_text(
        organizations.read_text("utf-8").replace(
            "name: Образовательная организация (образец)",
            f"name: {json.dumps(ORGANIZATION_NAME, ensure_ascii=False)}",
        ),
        "utf-8",
    )
    glossary = content / "glossary.yaml"
    full = json.dumps(ORGANIZATION_NAME, ensure_ascii=False)
    glossary.write_text(
        glossary.read_text("utf-8") + f"  - abbr: {ABBREVIATION}\n    full: {full}\n", "utf-8"
    )
    bodies = [*SHOWN_IN_BODIES, SHOWN_IN_CODE, f"Сокращение {ABBREVIATION} с подсказкой."]
    body = "\n\n".join(bodies)
    for index, trick in enumerate(SHOWN_IN_FIELDS):
        value = json.dumps(trick, ensure_ascii=False)
        fields = {
            "news": f"title: {value}\nsummary: {value}\n",
            "materials": f"title: {value}\nsummary: {value}\ndate: 2022-05-10\n",
            "practices": (
                f"title: {value}\norganization: sample-org\nforms: [pedagog-pedagog]\n"
                f"date: 2024-05-20\nsummary: {value}\ntarget_group: {value}\n"
                f"results: [{value}]\nsample: true\n"
            ),
        }
        for kind, front_matter in fields.items():
            name = (
                f"2022-02-{index + 1:02d}-pole-{index}.md" if kind == "news" else f"pole-{index}.md"
            )
            file = content / kind / name
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(f"---\n{front_matter}---\n\n{INTRODUCTION}{body}\n", "utf-8")
    (project / "docs" / "shown.md").write_text(f"# Страница\n\n{body}\n", "utf-8")
