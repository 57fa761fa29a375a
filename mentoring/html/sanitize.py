"""The allowlist for HTML written by authors, checked by nh3 (the Rust sanitizer Ammonia).

Author text (entry bodies, hand-written pages under docs/) is converted with the site's own
Markdown extensions and given to nh3 twice: once with the allowlist below, once with an
allowlist made of every name and scheme the text could hold. nh3 parses both times as a
browser would (html5ever), so the two results differ exactly where the allowlist would
remove something. The site never publishes nh3's output: a text the allowlist would
change is refused with a message, and a text it would not change is published as written
(byte for byte). Nothing here imports MkDocs.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import os
import posixpath
import re
import secrets
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from html import unescape
from html.parser import HTMLParser

import markdown
import nh3
from markupsafe import Markup
from pygments.token import STANDARD_TYPES
from pymdownx.slugs import slugify

from mentoring.core.errors import Problems
from mentoring.core.hashing import text_key
from mentoring.html.converted import (
    ConvertedPage,
    ConvertedText,
    Heading,
    RawHtmlIds,
    converted_text,
    with_texts,
)

# The extensions of mkdocs.yml (markdown_extensions), with the same settings; a test holds
# the two lists together.
MARKDOWN_EXTENSIONS = (
    "mentoring.html.output",
    "attr_list",
    "md_in_html",
    "admonition",
    "tables",
    "def_list",
    "footnotes",
    "pymdownx.superfences",
    "pymdownx.details",
    "toc",
)
MARKDOWN_SETTINGS = {
    "toc": {
        "permalink": True,
        "permalink_title": "Ссылка на этот раздел",
        "slugify": slugify(case="lower"),
    }
}

TAGS = frozenset(
    {
        # Markdown, tables, definition lists, footnotes, admonitions, details, code
        *("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"),
        *("ul", "ol", "li", "dl", "dt", "dd", "em", "strong", "code", "pre", "a", "img"),
        *("table", "thead", "tbody", "tr", "th", "td", "sup", "div", "span"),
        *("details", "summary"),
        # text-level HTML an author may write by hand
        *("abbr", "b", "i", "s", "u", "sub", "small", "mark", "kbd", "del", "ins", "q"),
        *("caption", "tfoot", "figure", "figcaption"),
    }
)
ATTRIBUTES = {
    "*": {"id", "class", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "th": {"style", "colspan", "rowspan"},
    "td": {"style", "colspan", "rowspan"},
    "details": {"open"},
}
# Attributes allowed with these values only. A decorative image is marked { role=presentation }.
ATTRIBUTE_VALUES = {"img": {"role": {"presentation", "none"}}}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Classes the extensions write: admonitions and details (Material's types and their
# aliases), footnotes, permalinks, code blocks with Pygments' token classes.
ADMONITION_TYPES = frozenset(
    {
        *("note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important"),
        *("success", "check", "done", "question", "help", "faq", "warning", "caution"),
        *("attention", "failure", "fail", "missing", "danger", "error", "bug", "example"),
        *("quote", "cite"),
    }
)
CLASSES = frozenset(
    {
        *ADMONITION_TYPES,
        *("admonition", "admonition-title", "footnote", "footnote-ref", "footnote-backref"),
        *("headerlink", "highlight", "linenos", "hll"),
        *(name for name in STANDARD_TYPES.values() if name),
    }
)
_CODE_LANGUAGE_CLASS = re.compile(r"language-[a-z0-9+#_-]+")
# Pygments names a token type it has no short name for after its nearest standard parent:
# «l-Scalar-Plain» (Literal.Scalar.Plain, in YAML).
_SUBTOKEN_CLASS = re.compile(
    "(?:{})(?:-[A-Z][A-Za-z]*)+".format("|".join(name for name in STANDARD_TYPES.values() if name))
)
# An id starts with a letter or digit: the theme's own ids start with «__» (__config…).
# «_1», «_2»… are what the toc extension gives a heading without letters or digits.
_ID = re.compile(r"[^\W_][\w.:-]*|_\d+")
# The one style the tables extension writes, for a column aligned with «:».
_TABLE_ALIGNMENT = re.compile(r"text-align: (?:left|center|right);")
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
# Browsers drop these from a URL before reading it.
_URL_IGNORED = re.compile(r"[\t\n\r]")
_URL_EDGES = "".join(map(chr, range(0x21)))  # C0 controls and the space
# html5ever parses a fragment: start tags of <html> and <body> are dropped there, while a
# browser adds their attributes to the page's own element. Renamed, nh3 sees them.
_DOCUMENT_TAG = re.compile(r"<(html|body|head)(?=[\t\n\f\r />])", re.I)
_EXPOSED_PREFIX = "x-document-"
# Names as a browser's tokenizer reads them (HTML spec, 13.2.5): a tag name runs from «<»
# and a letter to a space, «/» or «>»; an attribute name starts after a space, «/» or a
# quote and ends there or at «=». Matched at every start (overlapping), so whatever a
# browser could read as a name is among them.
_NAME_LIMIT = 200
_TAG_NAME = re.compile(rf"<(?=([a-z][^\t\n\f\r />]{{0,{_NAME_LIMIT}}}))")
_LONG_TAG_NAME = re.compile(rf"<[a-zA-Z][^\t\n\f\r />]{{{_NAME_LIMIT},}}")
_ATTRIBUTE_NAME = re.compile(rf"(?<=[\t\n\f\r /\"'])(?=(=?[^\t\n\f\r />=]{{1,{_NAME_LIMIT}}}))")


def _url_of(value: str) -> str:
    """An address as a browser reads it: without tabs and newlines, trimmed of controls."""
    return _URL_IGNORED.sub("", value).strip(_URL_EDGES)


def _is_remote_or_odd(url: str) -> bool:
    """An address that leaves the site without a scheme (``//host``) or holds «\\»."""
    return url.startswith("//") or "\\" in url


def _allowed_value(tag: str, attribute: str, value: str) -> str | None:
    """nh3's hook for the values our allowlist restricts; None removes the attribute."""
    if attribute == "class":
        return value if all(_allowed_class(name) for name in value.split()) else None
    if attribute == "id":
        return value if _ID.fullmatch(value) else None
    if attribute == "style":
        return value if _TABLE_ALIGNMENT.fullmatch(value) else None
    if (tag, attribute) == ("a", "href"):
        url = _url_of(value)
        return None if _is_remote_or_odd(url) else value
    if attribute == "src":
        url = _url_of(value)
        return None if _is_remote_or_odd(url) or _SCHEME.match(url.lower()) else value
    return value


def _allowed_class(name: str) -> bool:
    return (
        name in CLASSES
        or _CODE_LANGUAGE_CLASS.fullmatch(name) is not None
        or _SUBTOKEN_CLASS.fullmatch(name) is not None
    )


def _exposed(html: str) -> str:
    return _DOCUMENT_TAG.sub(lambda match: f"<{_EXPOSED_PREFIX}{match.group(1)}", html)


def _allowlisted(html: str) -> str:
    return nh3.clean(
        html,
        tags=set(TAGS),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        tag_attribute_values=ATTRIBUTE_VALUES,
        attribute_filter=_allowed_value,
        url_schemes=set(URL_SCHEMES),
        strip_comments=False,
        link_rel=None,
    )


def _everything(html: str, schemes: set[str]) -> str:
    """nh3 with every tag, attribute and URL scheme that ``html`` could hold allowed."""
    # html5ever lowers ASCII letters only (bytes.lower does the same, and quickly).
    lowered = html.replace("\0", "\ufffd").encode().lower().decode()
    tags = set(_TAG_NAME.findall(lowered))
    names = set(_ATTRIBUTE_NAME.findall(lowered)) | tags
    return nh3.clean(
        html,
        tags=tags,
        clean_content_tags=set(),
        attributes={"*": names},
        url_schemes=schemes,
        strip_comments=False,
        link_rel=None,
    )


def _schemes(html: str) -> set[str]:
    """Every scheme an address in ``html`` could have, read as a browser reads it."""
    # Character references are case-sensitive (&NewLine;): decoded before lowering.
    texts = (html.lower(), unescape(html).lower()) if "&" in html else (html.lower(),)
    found = set()
    for text in texts:
        for variant in (text, _URL_IGNORED.sub("", text)):
            found.update(_SCHEME.findall(variant))
    return found


@dataclass(frozen=True)
class Refused:
    """One element or attribute that the allowlist would remove from an author's HTML."""

    tag: str
    attribute: str | None = None
    value: str = ""

    @property
    def needle(self) -> str:
        """What to look for in the source to find its line."""
        if self.attribute in ("href", "src", "id", "class", "style") and self.value:
            return self.value
        return self.attribute or self.tag


def refused(html: str) -> list[Refused]:
    """What the allowlist would remove from ``html``, in document order; [] when nothing."""
    html = _exposed(html)
    if long_name := _LONG_TAG_NAME.search(html):
        return [Refused(long_name.group(0)[1:20] + "…")]
    schemes = _schemes(html)
    allowed = _allowlisted(html)
    everything = _everything(html, schemes)
    if allowed == everything:
        return []
    return list(_differences(_start_tags(everything), _start_tags(allowed)))


def _differences(
    everything: list[tuple[str, dict[str, str]]], allowed: list[tuple[str, dict[str, str]]]
) -> Iterator[Refused]:
    matcher = SequenceMatcher(
        None, [tag for tag, _ in everything], [tag for tag, _ in allowed], autojunk=False
    )
    found = False
    for operation, start, end, other_start, _ in matcher.get_opcodes():
        if operation == "equal":
            for (tag, attributes), (_, kept) in zip(
                everything[start:end], allowed[other_start:], strict=False
            ):
                for name, value in attributes.items():
                    if kept.get(name) != value:
                        found = True
                        yield Refused(tag, name, _refused_part(name, value))
        elif operation in ("delete", "replace"):
            for tag, _ in everything[start:end]:
                found = True
                yield Refused(tag.removeprefix(_EXPOSED_PREFIX))
    if not found:  # only text differs: what nh3 drops with its text is <script> (or <style>)
        yield Refused("script")


def _refused_part(attribute: str, value: str) -> str:
    """The classes of a ``class`` value that are not allowed; any other value whole."""
    if attribute == "class":
        return " ".join(name for name in value.split() if not _allowed_class(name)) or value
    return value


class _StartTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))


def _start_tags(clean_html: str) -> list[tuple[str, dict[str, str]]]:
    """Start tags of nh3's output (well-formed, so Python's parser reads it right)."""
    parser = _StartTags()
    parser.feed(clean_html)
    parser.close()
    return parser.tags


def new_converter() -> markdown.Markdown:
    """A Markdown converter with the site's extensions and settings."""
    return markdown.Markdown(
        extensions=list(MARKDOWN_EXTENSIONS), extension_configs=MARKDOWN_SETTINGS
    )


def to_html(text: str) -> str:
    """Author Markdown as the site converts it (with a converter of its own)."""
    return new_converter().convert(text)


def explain(item: Refused, text_of: str, folder: str) -> str:
    """What is not allowed and what to write instead, for the author."""
    tag, attribute, value = item.tag, item.attribute, item.value
    shown = value if len(value) <= 60 else value[:57] + "…"
    if attribute is None:
        return (
            f"HTML-элемент «<{tag}>» {text_of} не допускается: можно писать только разметку "
            "текста (абзацы, заголовки, списки, таблицы, ссылки, изображения с этого сайта); "
            "уберите его или возьмите в обратные кавычки `…`, если его нужно показать"
        )
    if "<" in attribute:
        return (
            f"тег «<{tag}>» {text_of} не закрыт и поглощает то, что идёт за ним; "
            "допишите «>» в конце тега"
        )
    if attribute.startswith("on") and attribute != "open":
        return (
            f"атрибут «{attribute}» у «<{tag}>» {text_of} запускает скрипт, а сайт не выполняет "
            "чужой код; уберите его"
        )
    if (tag, attribute) == ("img", "src"):  # refused only when it leaves the site
        return (
            f"изображение «{shown}» {text_of} загружается не с этого сайта, а сайт не должен "
            "обращаться к чужим серверам; скачайте файл и положите его в папку "
            f"{folder}/, а в тексте укажите его имя: ![Что изображено](имя-файла.jpg)"
        )
    if (tag, attribute) == ("a", "href"):
        return (
            f"ссылка «{shown}» {text_of} не допускается: ссылки ведут на страницы и файлы этого "
            "сайта или на адреса, начинающиеся с https://, http://, mailto: или tel:; "
            "напишите полный адрес, например [Текст](https://example.ru/страница)"
        )
    if attribute == "id":
        return (
            f"идентификатор «{shown}» {text_of} не допускается: он должен начинаться с буквы "
            "или цифры и состоять из букв, цифр, «-», «_», «.», «:» (идентификаторы темы сайта "
            "начинаются с «__»); например { #moi-razdel }"
        )
    if attribute == "class":
        return (
            f"класс «{shown}» {text_of} не допускается: классы задают только сами конструкции "
            "Markdown (примечания !!! note, !!! warning и т. п.), а оформление — тема сайта; "
            "уберите его"
        )
    if attribute == "style":
        return f"атрибут style {text_of} не допускается: оформление задаёт тема сайта; уберите его"
    return (
        f"атрибут «{attribute}» у «<{tag}>» {text_of} не допускается (или не допускается "
        f"его значение «{shown}»); уберите его"
    )


def line_of(item: Refused, source: str, first_line: int) -> int:
    """The line of ``source`` (which starts at ``first_line``) where ``item`` is written,
    also when it is written with character references (``&#106;avascript:``)."""
    lines = source.lower().split("\n")
    for needle in (item.needle, item.attribute or "", f"<{item.tag}"):
        needle = needle.lower()
        for number, line in enumerate(lines):
            if needle and (needle in line or ("&" in line and needle in unescape(line))):
                return first_line + number
    return first_line


# Pages go on after an author's text (AuthorRegions marks its end with a comment): a tag
# left open at its end would take in what follows, so the text is checked followed by one.
TEXT_END = "\n\n<!-- -->\n"
_TEXT_END_HTML = "<!-- -->"  # what TEXT_END becomes in the HTML

Verdict = tuple[Refused, ...]
# What checking one text gives: its hash, its verdict, its HTML's key, its HTML for its page.
Checked = tuple[bytes, Verdict, bytes, ConvertedText | None]


def _shown_key(html: str) -> bytes:
    """The key of an author's HTML as a page shows it, between the markers of its region."""
    return text_key(html.strip())


# Below this many texts, starting worker processes costs more than it saves.
_PARALLEL_FROM = 200
_CHUNK = 25  # texts a worker takes at a time
# The build's own process is the longest path of a build (it converts and writes every
# page; the workers and Pagefind fill the other core), so the workers yield to it: at
# N = 5,000 builds took 92 s on average with this, 101 s without (six of each, in turns).
_WORKER_NICENESS = 19


class Sanitizer:
    """Checks author Markdown against the allowlist, converting each text once: one object
    for a build (or, in BuildMemory, for a `make serve` session), so that the converter and
    the verdicts live on it rather than in module globals.

    ``start_checking`` lets worker processes convert and check the texts a build is about
    to ask about while the build loads everything else, and with ``later=True`` while it
    goes on to render the pages (the second core is idle then); ``finish_checking`` gives
    the problems of the texts asked about before the workers were done. A worker's verdict
    is kept under the hash of the exact text it checked, and a text is only ever answered
    by the verdict for that text: nothing unchecked gets through.

    The HTML each text became is remembered by its hash too: the page check
    (``AuthorRegions``) finds nearly every entry's text on its page byte for byte as it was
    checked, and does not check it a second time; and the page shows that HTML instead of
    converting the text again (``converted``, mentoring/html/converted.py).
    """

    def __init__(self) -> None:
        self._converter: markdown.Markdown | None = None
        self._raw_ids = RawHtmlIds()  # of the last text converted
        self._verdicts: dict[bytes, Verdict] = {}  # by the text's hash
        self._shown: dict[bytes, Verdict] = {}  # by the hash of its HTML (``_shown_key``)
        self._converted: dict[bytes, ConvertedText] = {}  # by the text's hash
        self._pool: multiprocessing.pool.Pool | None = None
        self._pending: multiprocessing.pool.IMapIterator | None = None
        self._coming: set[bytes] = set()  # what the workers are checking
        # ``start_checking(…, later=True)``: texts whose problems are reported once the
        # workers are done (``finish_checking``), not when loading asks.
        self._later: list[_Later] | None = None

    def to_html(self, text: str) -> str:
        """Author Markdown as the site converts it."""
        if self._converter is None:
            self._converter = new_converter()
            self._raw_ids.register(self._converter)
        self._converter.reset()
        return self._converter.convert(text)

    def check_author_markdown(
        self,
        text: str,
        source: str,
        first_line: int,
        text_of: str,
        path: str,
        problems: Problems,
    ) -> None:
        """Adds to ``problems`` each thing the allowlist would remove from the HTML of an
        author's ``text`` (from the file ``path``; ``source`` is the text with its code
        blanked, for the lines). A text the workers are still checking after
        ``start_checking(…, later=True)`` is reported by ``finish_checking`` instead."""
        if self._later is not None and self._is_coming(text_key(text)):
            self._later.append(_Later(text, source, first_line, text_of, path))
            return
        folder = posixpath.dirname(path)
        for item in self.refused_in_markdown(text):
            problems.add(
                path, line_of(item, source, first_line), None, explain(item, text_of, folder)
            )

    def refused_in_markdown(self, text: str) -> tuple[Refused, ...]:
        """Each thing refused in an author's Markdown once; remembered, so that a rebuild of
        `make serve` converts only the texts that changed."""
        key = text_key(text)
        self._wait_for(key)
        if key not in self._verdicts:
            self._remember(key, *self._checked(text))
        return self._verdicts[key]

    def _is_coming(self, key: bytes) -> bool:
        """Whether the workers are checking the text of ``key`` and have not said yet."""
        return key not in self._verdicts and key in self._coming and self._pending is not None

    def _wait_for(self, key: bytes) -> None:
        """Takes the workers' batches of verdicts until the one for ``key`` is among them
        (if they are checking that text at all)."""
        while self._is_coming(key):
            assert self._pending is not None, "only while workers check"
            batch = next(self._pending, None)
            if batch is None:
                self._pending = None
            else:
                for checked in batch:
                    self._remember(*checked)

    def converted(self, text: str) -> ConvertedText | None:
        """The HTML of ``text`` as checked when it was loaded, if its page may show it as
        it is (mentoring/html/converted.py); None for a text not checked, refused, or one
        the page must convert itself. Waits for the workers if they are checking it."""
        key = text_key(text)
        self._wait_for(key)
        return self._converted.get(key)

    def may_be_converted(self, text: str) -> bool:
        """Whether ``converted`` could give the HTML of ``text``: it does, or the workers
        are checking it. Does not wait."""
        key = text_key(text)
        return key in self._converted or self._is_coming(key)

    def refused_on_page(self, html: str) -> Verdict:
        """What the allowlist would remove from an author's part of a page. A part that is,
        byte for byte, the HTML of a text checked when loaded has that text's verdict: it
        was checked followed by a comment, as the page follows it by its end marker. Any
        other part (a hand-written page, footnotes, a text the page converted otherwise)
        is checked now."""
        verdict = self._shown.get(_shown_key(html))
        return verdict if verdict is not None else tuple(dict.fromkeys(refused(html)))

    def _remember(
        self, key: bytes, verdict: Verdict, shown: bytes, converted: ConvertedText | None
    ) -> None:
        self._verdicts[key] = verdict
        self._shown[shown] = verdict
        if converted is not None:
            self._converted[key] = converted

    def _checked(self, text: str) -> tuple[Verdict, bytes, ConvertedText | None]:
        """The verdict on ``text``, the key of its HTML as a page shows it, and that HTML
        for its page when the text passes and the page may show it as it is."""
        html = self.to_html(text + TEXT_END)
        verdict = tuple(dict.fromkeys(refused(html)))
        shown = html.removesuffix(_TEXT_END_HTML)
        converted = None
        if not verdict and shown != html:
            toc_tokens = getattr(self._converter, "toc_tokens", [])  # set by its toc extension
            converted = converted_text(shown, text, toc_tokens, self._raw_ids.ids)
        return verdict, _shown_key(shown), converted

    def start_checking(self, texts: Iterable[str], *, later: bool = False) -> Prefetch:
        """Worker processes check ``texts`` (in the order the build will ask) in the
        background until ``finish_checking`` or ``stop_checking``; gives how many of them
        started, or why none did. Processes are forked, and only from a process without
        other threads (forking one with threads is unsafe), and only for enough texts to
        pay for them. ``later``: a text asked about before the workers are done with it is
        reported by ``finish_checking``, so that the build goes on meanwhile."""
        todo = {text_key(text): text for text in texts}
        todo = {key: text for key, text in todo.items() if key not in self._verdicts}
        workers = len(os.sched_getaffinity(0))
        serial_because = _serial_because(len(todo), workers)
        if serial_because:
            return Prefetch(len(todo), 0, serial_because)
        ordered = list(todo.values())
        chunks = [ordered[start : start + _CHUNK] for start in range(0, len(ordered), _CHUNK)]
        self._pool = multiprocessing.get_context("fork").Pool(
            workers, initializer=os.nice, initargs=(_WORKER_NICENESS,)
        )
        self._pending, self._coming = self._pool.imap(_verdicts_of, chunks), set(todo)
        self._later = [] if later else None
        return Prefetch(len(todo), workers)

    def finish_checking(self) -> Problems:
        """Waits for the workers; the problems of the texts left for later."""
        later, self._later = self._later or [], None
        problems = Problems()
        for text in later:
            self.check_author_markdown(
                text.text, text.source, text.first_line, text.text_of, text.path, problems
            )
        self.stop_checking()
        return problems

    def stop_checking(self) -> None:
        """Stops the workers (what they have not said is checked when asked)."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
        self._pool, self._pending, self._coming, self._later = None, None, set(), None


SERIAL_FEW_TEXTS = f"параллельная проверка окупается от {_PARALLEL_FROM} текстов"
SERIAL_ONE_CORE = "сборке доступно одно ядро процессора"
SERIAL_THREADS = (
    "в процессе сборки уже работают другие потоки, а такой процесс нельзя безопасно "
    "копировать в рабочие"
)


def _serial_because(texts: int, workers: int) -> str:
    """Why ``texts`` are checked without worker processes; "" when they are not."""
    if texts < _PARALLEL_FROM:
        return SERIAL_FEW_TEXTS
    if workers < 2:
        return SERIAL_ONE_CORE
    if threading.active_count() > 1:
        return SERIAL_THREADS
    return ""


@dataclass(frozen=True)
class Prefetch:
    """What ``Sanitizer.start_checking`` did with the texts it had not checked before: how
    many worker processes checked them, or (``workers`` 0) why the build checks each
    itself when it asks."""

    texts: int
    workers: int
    serial_because: str = ""

    def notice(self) -> str:
        """The build's log line about it, for authors and for CI logs."""
        done = f"Разметка авторских текстов: проверено текстов: {self.texts}"
        if self.workers:
            return f"{done}, параллельно, рабочих процессов: {self.workers}"
        return f"{done}, в одном процессе — {self.serial_because}"


@dataclass(frozen=True)
class _Later:
    """An author text whose problems are reported once the workers are done."""

    text: str
    source: str
    first_line: int
    text_of: str
    path: str


def _verdicts_of(texts: list[str]) -> list[Checked]:
    """A worker's verdicts on ``texts``: the hash of each, its verdict, its HTML's key and
    its HTML for its page."""
    sanitizer = Sanitizer()
    return [(text_key(text), *sanitizer._checked(text)) for text in texts]


_FOOTNOTES = '<div class="footnote">'


class AuthorRegions:
    """Marks which parts of a page's Markdown are author text, so that the page's final HTML
    passes the allowlist again (the build's last safety net; the core checks each text
    when it is loaded). Template HTML around and inside them is trusted and not checked.

    A generated page marks each author text it holds (``author``); a hand-written page is
    author text as a whole except the blocks it includes (``trusted``). The markers are
    comments with a token of the build, so an author cannot write one, and they are taken
    out of the page once it is checked.

    A text converted when it was loaded is not converted again: the page's Markdown holds a
    placeholder in its place, which ``converted_page`` replaces by the text's HTML
    (mentoring/html/converted.py).
    """

    def __init__(self, sanitizer: Sanitizer | None = None) -> None:
        self._sanitizer = sanitizer or Sanitizer()  # the build's: it knows the loaded texts
        self._token = secrets.token_hex(8)
        self._sources: list[str] = []
        self._placed: dict[int, str] = {}  # texts that have a placeholder, by number
        token = self._token
        # The HTML block's own blank line goes with it: the text's HTML ends as the text
        # ends a page (a paragraph with a line break, an HTML block with two).
        self._placeholder = re.compile(rf"<!-- author-html {token}-(\d+) -->(\n\n)?")
        self._author = re.compile(
            rf"<!-- author {token}-(\d+) -->(.*?)(?:<!-- /author {token} -->|\Z)", re.S
        )
        self._numbered = re.compile(rf"<!-- author {token}-(\d+) -->")
        self._trusted = re.compile(
            rf"<!-- trusted {token} -->.*?(?:<!-- /trusted {token} -->|\Z)", re.S
        )
        # Python-Markdown ends an HTML block with a blank line (or the page). Each pattern
        # starts with the comment's «<!-- », for the regular expression engine to jump to.
        marker = rf"<!-- /?(?:author|trusted) {token}(?:-\d+)? -->"
        self._marker = re.compile(rf"{marker}(?:\n\n)?")
        self._one_marker = re.compile(marker)

    def author(self, text: str, source: str) -> Markup:
        """An author's Markdown ``text`` (from the file ``source``) for a page template."""
        self._sources.append(source)
        number = len(self._sources) - 1
        body = text
        # A text the workers are still checking gets a placeholder too: by the time its
        # page is converted, its HTML is known (or the page is converted whole).
        if self._sanitizer.may_be_converted(text):
            self._placed[number] = text
            body = f"<!-- author-html {self._token}-{number} -->"
        return Markup(
            f"<!-- author {self._token}-{number} -->\n\n{body}\n\n<!-- /author {self._token} -->"
        )

    def with_texts(self, markdown: str) -> str:
        """``markdown`` with each text's Markdown in place of its placeholder: the page as
        it is converted whole."""
        if self._token not in markdown:
            return markdown
        return self._placeholder.sub(
            lambda match: self._placed[int(match.group(1))] + (match.group(2) or ""),
            markdown,
        )

    def holds_converted(self, html: str) -> bool:
        """Whether a page's ``html`` has placeholders of texts converted at load."""
        return f"<!-- author-html {self._token}-" in html

    def converted_page(
        self,
        html: str,
        page_headings: list[Heading],
        page_ids: set[str],
        kept_as_written: Callable[[str], bool],
    ) -> ConvertedPage | None:
        """The page with its texts' HTML in place of their placeholders, or None when it
        must be converted whole (``with_texts``; mentoring/html/converted.py)."""
        placed = []
        for match in self._placeholder.finditer(html):
            converted = self._sanitizer.converted(self._placed[int(match.group(1))])
            if converted is None:  # refused, or one its page must convert itself
                return None
            placed.append((match, converted))
        return with_texts(html, placed, page_headings, page_ids, kept_as_written)

    def normalized(self, markdown: str) -> str:
        """``markdown`` with its texts in place and the markers' token and numbers
        replaced by the source of each text: the same page gives the same text in every
        build, whether a text is converted with the page or was converted at load."""
        if self._token not in markdown:
            return markdown
        markdown = self._numbered.sub(
            lambda match: f"<!-- author {self._sources[int(match.group(1))]} -->",
            self.with_texts(markdown),
        )
        return markdown.replace(self._token, "")

    def trusted(self, markdown: str) -> str:
        """A block a hand-written page includes: made by a template, not by its author."""
        return f"<!-- trusted {self._token} -->\n\n{markdown}\n\n<!-- /trusted {self._token} -->"

    def check(self, html: str, hand_written: str | None, problems: Problems) -> str:
        """Report what the allowlist would remove from the author parts of a page's ``html``
        (``hand_written``: the path of a page written as a whole by an author); returns
        the page without the markers."""
        if hand_written is not None:
            regions = [(hand_written, html)]
        elif self._token in html:
            regions = [
                (self._sources[int(m.group(1))], m.group(2)) for m in self._author.finditer(html)
            ]
            # Footnotes go to the end of the page, after the text that defines them.
            footnotes = html.rfind(_FOOTNOTES)
            if regions and footnotes >= 0:
                regions.append((regions[-1][0], html[footnotes:]))
        else:
            return html
        for path, region in regions:
            for item in self._sanitizer.refused_on_page(self._trusted.sub("", region)):
                problems.add(
                    path, None, None, explain(item, "на странице", posixpath.dirname(path))
                )
        return self._without_markers(html) if self._token in html else html

    def _without_markers(self, html: str) -> str:
        """``html`` without the markers, and without the blank line after each (or, for a
        marker that ends the page, the line breaks before it)."""
        last = html.rfind("<!-- ")
        if last >= 0 and self._one_marker.fullmatch(html, last):
            html = html[:last].rstrip("\n")
        return self._marker.sub("", html)
