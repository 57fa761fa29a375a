"""Links between pages, reported to authors like every other content problem.

MkDocs checks the links and anchors of every page while it renders them, and says what it
found in English, naming the page it rendered: ``news/2022/x.md``, which no author ever
wrote. The build hands each such warning here (hooks/site.py); it comes back as a Russian
problem at the file and line the author wrote: ``content/news/2022-03-01-x.md:12: …``.
Anchors in ``page:`` fields of the plan and of documents, which MkDocs never sees as links,
are checked here too, once every page is rendered.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from mentoring.content import Content
from mentoring.core.errors import Problem, Problems
from mentoring.core.russian import did_you_mean
from mentoring.kinds.documents import DOCUMENTS_FILE
from mentoring.kinds.plan.kind import PLAN_FILE
from mentoring.kinds.registry import TYPES

OMITTED = (
    "страницы нет в меню сайта: добавьте её в nav в mkdocs.yml или, если на неё ведут только "
    "ссылки, в not_in_nav там же"
)
# An example page every author knows, shown as a path from the page with the broken link.
EXAMPLE_PAGE = "plan/index.md"

_NOT_FOUND = re.compile(
    r"Doc file '(?P<page>.+?)' contains a link '(?P<link>.+?)', but the target"
    r"(?: '(?P<target>.+?)')? is not found among documentation files\."
    r"(?: Did you mean '(?P<hint>.+?)'\?)?$"
)
_UNRECOGNIZED = re.compile(
    r"Doc file '(?P<page>.+?)' contains an unrecognized relative link '(?P<link>.+?)', "
    r"it was left as is\.(?: Did you mean '(?P<hint>.+?)'\?)?$"
)
_ABSOLUTE = re.compile(
    r"Doc file '(?P<page>.+?)' contains an absolute link '(?P<link>.+?)', "
    r"it was left as is\.(?: Did you mean '(?P<hint>.+?)'\?)?$"
)
_OTHER_ANCHOR = re.compile(
    r"Doc file '(?P<page>.+?)' contains a link '(?P<link>.+?)', "
    r"but the doc '(?P<target>.+?)' does not contain an anchor '#(?P<anchor>.+?)'\.$"
)
_OWN_ANCHOR = re.compile(
    r"Doc file '(?P<page>.+?)' contains a link '(?P<link>.+?)', "
    r"but there is no such anchor on this page\.(?P<footnote> This seems to be a footnote.*)?$"
)
_OMITTED = re.compile(
    r'The following pages exist in the docs directory, but are not included in the "nav" '
    r"configuration:\n(?P<pages>(?:  - .+\n?)+)$"
)
_EXCLUDED = re.compile(
    r"Doc file '(?P<page>.+?)' contains a link to '(?P<target>.+?)' "
    r"which is excluded from the built site\.$"
)

# A README.md beside an index.md: both would be the folder's page (MkDocs keeps the index).
_CONFLICT = re.compile(
    r"Excluding '(?P<page>.+?)' from the site because it conflicts with '(?P<kept>.+?)'\.$"
)


def conflict_problems(warning: str, docs: str) -> list[Problem]:
    """The Russian problem for MkDocs' warning about a page it leaves out for another with
    the same address (logged while it lists the files of ``docs``, before any page is
    known); none for a warning about anything else."""
    match = _CONFLICT.match(warning)
    if match is None:
        return []
    kept = match["kept"]
    return [
        Problem(
            f"{docs}/{match['page']}",
            None,
            None,
            f"страница не попадёт на сайт: у неё тот же адрес, что у {docs}/{kept}, и сайт "
            f"покажет только {posixpath.basename(kept)}; перенесите нужный текст туда, "
            "а этот файл удалите или переименуйте",
        )
    ]


def _name(page: str) -> str:
    """The name of a page without folders and suffix: plan for plan/index.md and plan.md."""
    return posixpath.basename(posixpath.splitext(page.removesuffix("/index.md"))[0])


@dataclass(frozen=True)
class PageSource:
    """Where the text of a page of the site comes from."""

    path: str  # as authors know it: content/news/2022-03-01-x.md, docs/about.md
    file: Path | None  # to find the line of a link; None for pages the site writes itself

    def line_of(self, link: str) -> int | None:
        """The first line of the source that holds the link as written."""
        if self.file is None or not self.file.is_file():
            return None
        lines = self.file.read_text("utf-8", errors="replace").splitlines()
        for forms in ((f"]({link}", f"<{link}>", f'"{link}"', f"'{link}'"), (link,)):
            for number, line in enumerate(lines, start=1):
                if any(form in line for form in forms):
                    return number
        return None


class PageLinks:
    """Turns MkDocs' link warnings about the pages of one build into problems of their sources."""

    def __init__(
        self,
        content: Content,
        docs_dir: Path,
        hand_written: Collection[str],
        pages: Collection[str],
        anchors_of: Callable[[str], Collection[str] | None],
    ) -> None:
        self.docs_dir = docs_dir
        self.hand_written = hand_written
        self.pages = sorted(pages)
        self.anchors_of = anchors_of
        project = content.root.parent
        # Every kind of Markdown entries (news, materials, practices, events…) has a page
        # whose text the author wrote.
        entries: Iterable[tuple[str, str]] = (
            (entry.page, entry.source)
            for kind in TYPES
            if kind.is_entries
            for entry in kind.published(content)
        )
        self.entries = {page: PageSource(source, project / source) for page, source in entries}

    def source(self, page: str) -> PageSource:
        if page in self.entries:
            return self.entries[page]
        docs = self.docs_dir.name
        if page in self.hand_written:
            return PageSource(f"{docs}/{page}", self.docs_dir / page)
        return PageSource(f"{docs}/{page} (страница, которую создаёт сам сайт)", None)

    def problems(self, warning: str) -> list[Problem]:
        """The Russian problems for one MkDocs warning; none for a warning about anything else."""
        omitted = _OMITTED.match(warning)
        if omitted:
            pages = [line.removeprefix("  - ") for line in omitted["pages"].splitlines()]
            docs = self.docs_dir.name  # only files under docs/ can be missing from the nav
            return [Problem(f"{docs}/{page}", None, None, OMITTED) for page in pages]
        problem = self._link_problem(warning)
        return [] if problem is None else [problem]

    def _link_problem(self, warning: str) -> Problem | None:
        for pattern, explain in (
            (_NOT_FOUND, self._not_found),
            (_UNRECOGNIZED, self._unrecognized),
            (_ABSOLUTE, self._absolute),
            (_OTHER_ANCHOR, self._other_anchor),
            (_OWN_ANCHOR, self._own_anchor),
            (_EXCLUDED, self._excluded),
        ):
            match = pattern.match(warning)
            if match:
                fields = match.groupdict()
                source = self.source(fields["page"])
                link = fields.get("link") or fields["target"]
                return Problem(source.path, source.line_of(link), None, explain(fields))
        return None

    # ----------------------------------------------------------------- messages

    def _example(self, page: str) -> str:
        return posixpath.relpath(EXAMPLE_PAGE, posixpath.dirname(page) or ".")

    def _guess(self, page: str, wanted: str, hint: str | None) -> str:
        """«возможно, имелось в виду …» with a path from ``page``, or how paths are written."""
        if hint is None:
            # A page of the same name elsewhere first: «plan.md» meant plan/index.md.
            name = _name(wanted)
            close = sorted((p for p in self.pages if _name(p) == name), key=len)
            close = close or difflib.get_close_matches(wanted, self.pages, n=1, cutoff=0.6)
            if close:
                hint = posixpath.relpath(close[0], posixpath.dirname(page) or ".")
        if hint:
            return f"возможно, имелось в виду «{hint}»"
        return (
            f"путь пишется от этой страницы к Markdown-файлу другой, например {self._example(page)}"
        )

    def _not_found(self, fields: dict[str, str]) -> str:
        page, link = fields["page"], fields["link"]
        target = fields["target"] or link.lstrip("/").partition("#")[0]
        if not target.endswith(".md"):  # a picture or a document
            return (
                f"ссылка «{link}» ведёт на файл {target}, а его нет на сайте; проверьте имя "
                "файла и папку: путь пишется от этой страницы"
            )
        guess = self._guess(page, target, fields["hint"])
        return f"ссылка «{link}» ведёт на страницу {target}, а её нет на сайте; {guess}"

    def _unrecognized(self, fields: dict[str, str]) -> str:
        page, link = fields["page"], fields["link"]
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), link))
        return (
            f"ссылка «{link}» не ведёт ни на страницу, ни на файл сайта: в ссылке на страницу "
            "пишется имя её Markdown-файла; " + self._guess(page, target + ".md", fields["hint"])
        )

    def _absolute(self, fields: dict[str, str]) -> str:
        page, link = fields["page"], fields["link"]
        wanted = link.lstrip("/").partition("#")[0].rstrip("/") or "index"  # /plan/: plan.md
        guess = self._guess(page, posixpath.splitext(wanted)[0] + ".md", fields["hint"])
        return (
            f"ссылка «{link}» начинается с «/» и не откроется, когда сайт лежит не в корне "
            f"адреса (предпросмотр, копия сайта); {guess}"
        )

    def _anchor(self, target: str, anchor: str) -> str:
        known = sorted(self.anchors_of(target) or ())
        return did_you_mean(anchor, known, "#{}")

    def _other_anchor(self, fields: dict[str, str]) -> str:
        target, anchor = fields["target"], fields["anchor"]
        return (
            f"ссылка «{fields['link']}» ведёт на раздел «#{anchor}» страницы {target}, "
            "а такого раздела на ней нет" + self._anchor(target, anchor)
        )

    def _own_anchor(self, fields: dict[str, str]) -> str:
        link = fields["link"]
        anchor = link.partition("#")[2]
        if fields["footnote"] and anchor.startswith("fnref:"):
            return (
                f"сноска [^{anchor.removeprefix('fnref:')}] описана, но в тексте на неё нет "
                "ссылки; поставьте [^…] в нужном месте текста или удалите сноску"
            )
        return f"ссылка «{link}» ведёт на раздел «#{anchor}» этой же страницы, а его нет" + (
            self._anchor(fields["page"], anchor)
        )

    def _excluded(self, fields: dict[str, str]) -> str:
        return (
            f"ссылка ведёт на страницу {fields['target']}, которая не публикуется "
            "(черновик); уберите ссылку или опубликуйте страницу"
        )


def check_page_anchors(
    content: Content, anchors_of: Callable[[str], Collection[str] | None]
) -> Problems:
    """Anchors in ``page:`` fields (``plan/index.md#activity-2-1``): pages exist by now."""
    problems = Problems()
    pages = [
        (f"content/{PLAN_FILE}", item.line, item.page)
        for activity in content.plan.activities
        for item in activity.evidence
        if item.page
    ]
    pages += [
        (f"content/{DOCUMENTS_FILE}", document.line, document.page)
        for document in content.documents
        if document.page
    ]
    for path, line, page in pages:
        target, _, anchor = page.partition("#")
        known = anchors_of(target)
        if not anchor or known is None or anchor in known:
            continue
        hint = did_you_mean(anchor, sorted(known), f"{target}#{{}}")
        problems.add(path, line, "page", f"на странице {target} нет раздела «#{anchor}»" + hint)
    return problems
