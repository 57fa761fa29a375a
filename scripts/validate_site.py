"""Checks of the built site by the tools the web trusts (issue 18).

    python -m scripts.validate_site html  [SITE]   # make validate-html: W3C Nu HTML Checker
    python -m scripts.validate_site links [SITE]   # make linkcheck: LinkChecker, internal only

``html`` runs the Nu HTML Checker (npm ``vnu-jar``, installed by ``make validator-deps``)
once over every page and fails on any error or warning that is not one of the theme's
exceptions listed, each with its reason, in scripts/html-exceptions.yaml. ``links`` serves
the site on 127.0.0.1 and lets LinkChecker follow every link from every page (addresses of
other hosts are only syntax-checked, never contacted); anchors are checked against the ids
of each target page. A broken link is named
by the source file and line it is written on (content/ or docs/), found by the address as
the author wrote it, and by the built page.
"""

from __future__ import annotations

import argparse
import configparser
import csv
import json
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import yaml

from scripts.loopback import QuietHandler, served

REPO = Path(__file__).resolve().parent.parent
VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
EXCEPTIONS = REPO / "scripts" / "html-exceptions.yaml"
# Where authors write what links are made of; searched for the line of a broken link.
SOURCE_DIRS = ("content", "docs")
SOURCE_SUFFIXES = (".md", ".yaml", ".yml")
NU_TIMEOUT_S = 900
LINKCHECK_TIMEOUT_S = 900


# --------------------------------------------------------------------------- HTML


@dataclass(frozen=True)
class NuMessage:
    """One error or warning of the Nu HTML Checker."""

    page: str  # relative to the site folder
    line: int | None
    message: str
    markup: str  # the flagged markup (the checker's highlighted extract)

    def __str__(self) -> str:
        where = f"{self.page}:{self.line}" if self.line else self.page
        return f"{where}: {self.message} {self.markup!r}"


@dataclass(frozen=True)
class Exception_:
    """A theme error that stays: the checker's message and the exact markup it flags."""

    message: str
    markup: str
    reason: str

    def matches(self, found: NuMessage) -> bool:
        return found.message == self.message and found.markup == self.markup


def load_exceptions(path: Path = EXCEPTIONS) -> list[Exception_]:
    """The listed exceptions; each must give the message, the markup and a reason."""
    entries = yaml.safe_load(path.read_text("utf-8")) or []
    exceptions = []
    for number, entry in enumerate(entries, start=1):
        missing = {"message", "markup", "reason"} - set(entry)
        extra = set(entry) - {"message", "markup", "reason"}
        if missing or extra or not all(str(entry[key]).strip() for key in entry):
            raise ValueError(f"{path.name}: exception {number} needs message, markup and reason")
        exceptions.append(Exception_(entry["message"], entry["markup"], entry["reason"]))
    return exceptions


def nu_messages(site: Path) -> list[NuMessage]:
    """Errors and warnings of the Nu HTML Checker on every HTML page of ``site``, in one run."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        raise RuntimeError("Java or vnu.jar is missing: run `make validator-deps`")
    result = subprocess.run(
        [
            java,
            "-jar",
            str(VNU_JAR),
            "--format",
            "json",
            "--skip-non-html",
            "--exit-zero-always",
            str(site.resolve()),
        ],
        capture_output=True,
        text=True,
        timeout=NU_TIMEOUT_S,
        check=True,
    )
    report = json.loads(result.stderr)
    found = []
    for message in report["messages"]:
        if message["type"] == "info" and message.get("subType") != "warning":
            continue  # information, not a problem
        extract = message.get("extract", "")
        start = message.get("hiliteStart", 0)
        markup = extract[start : start + message.get("hiliteLength", len(extract))]
        url = unquote(urlsplit(message.get("url", "")).path)
        page = Path(url).resolve().relative_to(site.resolve()).as_posix() if url else "?"
        found.append(NuMessage(page, message.get("lastLine"), message["message"], markup))
    return found


def html_problems(
    site: Path, exceptions: list[Exception_]
) -> tuple[list[NuMessage], list[Exception_]]:
    """Messages not excused by an exception, and the exceptions that excused nothing."""
    unexcused, used = [], set()
    for found in nu_messages(site):
        matching = [index for index, known in enumerate(exceptions) if known.matches(found)]
        if matching:
            used.update(matching)
        else:
            unexcused.append(found)
    unused = [known for index, known in enumerate(exceptions) if index not in used]
    return unexcused, unused


# --------------------------------------------------------------------------- links


@dataclass(frozen=True)
class BrokenLink:
    """A link of a built page that leads nowhere on the site."""

    page: str  # relative to the site folder
    line: int | None  # in the built page
    href: str  # as written in the built page
    problem: str
    sources: tuple[tuple[str, int], ...]  # where the link is written in content/ or docs/

    def __str__(self) -> str:
        built = f"{self.page}:{self.line}" if self.line else self.page
        text = f"ссылка «{self.href}» никуда не ведёт: {self.problem} (страница сайта {built})"
        if not self.sources:
            return f"{built}: {text}"
        return "\n".join(f"{file}:{line}: {text}" for file, line in self.sources)


class _NoRateLimit(QuietHandler):
    def end_headers(self) -> None:
        # LinkChecker throttles a host to 10 requests a second unless it says otherwise.
        self.send_header("LinkChecker", "local site, no rate limit")
        super().end_headers()


def linkchecker_rows(site: Path) -> list[dict[str, str]]:
    """LinkChecker's CSV rows for every link it found broken or warned about."""
    linkchecker = Path(sys.executable).with_name("linkchecker")
    pages = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))
    with served(site, _NoRateLimit) as root, tempfile.TemporaryDirectory() as tmp:
        config = configparser.ConfigParser()
        config["checking"] = {"maxrequestspersecond": "1000", "threads": "4"}
        config["filtering"] = {"checkextern": "0"}
        config_file = Path(tmp) / "linkcheckerrc"
        with config_file.open("w") as file:
            config.write(file)
        result = subprocess.run(
            [str(linkchecker), "--config", str(config_file), "--no-status", "--no-robots"]
            + ["--output", "csv", "--ignore-url", f"^(?!{re.escape(root)})"]
            + [urljoin(root, page) for page in pages],
            capture_output=True,
            text=True,
            timeout=LINKCHECK_TIMEOUT_S,
            check=False,
            cwd=tmp,
        )
    if result.returncode not in (0, 1):  # 1: broken links found
        raise RuntimeError(f"linkchecker failed ({result.returncode}): {result.stderr[-2000:]}")
    lines = [line for line in result.stdout.splitlines() if line and not line.startswith("#")]
    return [dict(row) for row in csv.DictReader(lines, delimiter=";")]


class _PageAnchors(HTMLParser):
    """Ids of a page and its links that name a fragment, with their lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.ids.add(attributes["name"])
        href = attributes.get("href", "")
        if tag in ("a", "area") and "#" in href and not href.endswith("#"):
            self.links.append((href, self.getpos()[0]))


def broken_anchors(site: Path) -> list[tuple[str, int, str]]:
    """Links to an id that the target page of this site lacks: page, line, link.

    LinkChecker's own anchor check parses the target page again for every link (minutes on
    a large site) and skips links within a page; here each page is parsed once.
    """
    pages = {}
    for file in sorted(site.rglob("*.html")):
        parser = _PageAnchors()
        parser.feed(file.read_text("utf-8", errors="replace"))
        pages[file.relative_to(site).as_posix()] = parser
    broken = []
    for page, parser in pages.items():
        for href, line in parser.links:
            target = _target_page(page, href)
            if target is None or target not in pages:
                continue  # another site, or a missing page (LinkChecker reports that)
            anchor = unquote(href.partition("#")[2])
            if anchor not in pages[target].ids:
                broken.append((page, line, href))
    return broken


def _target_page(page: str, href: str) -> str | None:
    """The site-relative HTML file a link from ``page`` opens; None for other sites."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return page
    path = unquote(parts.path)
    joined = (
        path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(page), path)
    )
    target = posixpath.normpath(joined)
    if path.endswith("/") or "." not in posixpath.basename(target):
        target = posixpath.join(target, "index.html")
    return target.removeprefix("./")


def broken_links(site: Path, project: Path = REPO) -> list[BrokenLink]:
    """Every broken internal link or anchor of ``site``, with where it is written."""
    site = site.resolve()
    sources = _source_lines(project)
    broken = [
        BrokenLink(page, line, href, "на странице нет такого якоря", _written_at(href, sources))
        for page, line, href in broken_anchors(site)
    ]
    for row in linkchecker_rows(site):
        problem = _problem(row)
        page = unquote(urlsplit(row["parentname"]).path).lstrip("/") or "index.html"
        if page.endswith("/"):
            page += "index.html"
        href = row["urlname"]
        line = int(row["line"]) if row["line"].isdigit() else None
        broken.append(BrokenLink(page, line, href, problem, _written_at(href, sources)))
    return broken


def _problem(row: dict[str, str]) -> str:
    """LinkChecker's verdict in short and in Russian where it is a usual one."""
    if row["valid"] == "True":
        return row["warningstring"].split(". ")[0]
    if row["result"].startswith("404"):
        return "нет такой страницы или файла"
    return row["result"]


def _source_lines(project: Path) -> list[tuple[str, int, str]]:
    lines = []
    for folder in SOURCE_DIRS:
        for file in sorted((project / folder).rglob("*")):
            if file.suffix in SOURCE_SUFFIXES and file.is_file():
                shown = file.relative_to(project).as_posix()
                text = file.read_text("utf-8", errors="replace")
                lines += [(shown, n, line) for n, line in enumerate(text.splitlines(), start=1)]
    return lines


def _written_at(href: str, sources: list[tuple[str, int, str]]) -> tuple[tuple[str, int], ...]:
    """Lines of content/ and docs/ that write this link: as it stands in the page, else by
    its anchor, else by its target page as a Markdown file (plan/ is plan/index.md or
    plan.md). None when a template made the link from data (an id, a field)."""
    path, _, anchor = href.partition("#")
    needles = [href]
    if anchor:
        needles.append(f"#{anchor}")
    elif path.endswith("/") and path.strip("./"):
        name = posixpath.basename(posixpath.normpath(unquote(path)))
        needles += [f"{name}/index.md", f"{name}.md"]
    for needle in needles:
        found = tuple((file, number) for file, number, line in sources if needle in line)
        if found:
            return found
    return ()


# --------------------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("check", choices=("html", "links"))
    parser.add_argument("site", nargs="?", default=REPO / "site", type=Path)
    arguments = parser.parse_args(argv)
    site: Path = arguments.site
    if not (site / "index.html").is_file():
        print(f"{site}: нет собранного сайта; сначала выполните make build", file=sys.stderr)
        return 2
    if arguments.check == "html":
        unexcused, _ = html_problems(site, load_exceptions())
        for found in unexcused:
            print(found, file=sys.stderr)
        print(f"Nu HTML Checker: {len(unexcused)} errors beyond {EXCEPTIONS.name}")
        return 1 if unexcused else 0
    broken = broken_links(site)
    for link in broken:
        print(link, file=sys.stderr)
    print(f"LinkChecker: {len(broken)} broken internal links or anchors")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
