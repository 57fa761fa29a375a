"""The allowlist for author HTML (mentoring/html/sanitize.py): hostile vectors in every kind of
author text, the red-team cases of issue 12, allowed markup, the build's safety net."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentoring.build import SiteBuild
from mentoring.content import load_content
from mentoring.core.errors import ContentError, Problems
from mentoring.html.sanitize import (
    ATTRIBUTES,
    CLASSES,
    MARKDOWN_EXTENSIONS,
    MARKDOWN_SETTINGS,
    SERIAL_THREADS,
    TAGS,
    AuthorRegions,
    Prefetch,
    Sanitizer,
    refused,
    to_html,
)
from mentoring.kinds.practices.pages import bank_pages
from scripts.bench.synthesis import make_projects
from tests.helpers import REPO, make_site, real_config
from tests.hostile import (
    INTRODUCTION,
    REFUSED,
    SHOWN_IN_BODIES,
    SHOWN_IN_CODE,
    author_file,
    write_refused,
)


def check(project: Path, sanitizer: Sanitizer | None = None) -> list[str]:
    """What `make check` reports for a project (content/ and docs/), [] when nothing."""
    try:
        load_content(project / "content", docs_dir=project / "docs", sanitizer=sanitizer)
    except ContentError as error:
        return error.report_lines()
    return []


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, list[str]]:
    project = make_site(tmp_path_factory.mktemp("hostile"), "minimal", "practices")
    expected = write_refused(project)
    return expected, check(project)


@pytest.mark.parametrize("vector", REFUSED, ids=lambda vector: vector.name)
def test_every_hostile_vector_is_refused_at_its_line_in_every_kind_of_text(vector, hostile_report):
    expected, report = hostile_report
    for location in expected[vector.name]:
        found = [line for line in report if line.startswith(location + ": ")]
        assert found, f"{location}: nothing reported; report: {report[:3]}"
        assert all(re.search("[а-яё]{4}", line) for line in found)


class RecordingSanitizer(Sanitizer):
    """A sanitizer that remembers how many worker processes checked the texts."""

    prefetch: Prefetch | None = None

    def start_checking(self, texts: Iterable[str], *, later: bool = False) -> Prefetch:
        self.prefetch = super().start_checking(texts, later=later)
        return self.prefetch


def in_fresh_interpreter(script: str, *args: str, stdin: str = "") -> dict:
    """What ``script`` dumps as JSON, run in a fresh interpreter: the pool forks only from a
    process without other threads, and this test process may have some (the browser tests'
    servers and Playwright share it)."""
    run = subprocess.run(
        [sys.executable, "-c", script, *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    )
    return json.loads(run.stdout)


CHECK_BY_WORKERS = """
import json, sys
from pathlib import Path
from mentoring.content import load_content
from mentoring.core.errors import ContentError
from tests.unit.test_sanitize import RecordingSanitizer
project, sanitizer, report = Path(sys.argv[1]), RecordingSanitizer(), []
try:
    load_content(project / "content", docs_dir=project / "docs", sanitizer=sanitizer)
except ContentError as error:
    report = error.report_lines()
json.dump({"workers": sanitizer.prefetch.workers, "report": report}, sys.stdout)
"""


def test_a_project_checked_by_worker_processes_gets_the_report_of_a_serial_check(tmp_path):
    project = make_site(tmp_path, "minimal", "practices")
    write_refused(project)
    for number in range(150):  # enough different texts for workers to start (start_checking)
        path, text, _ = author_file("news", f"filler-{number:03}", f"Абзац {number}.")
        (project / path).write_text(text, "utf-8")
    parallel = in_fresh_interpreter(CHECK_BY_WORKERS, str(project))
    sanitizer = RecordingSanitizer()
    other_thread_running = threading.Event()
    thread = threading.Thread(target=other_thread_running.wait)
    thread.start()  # a process with another thread is never forked: the check is serial
    try:
        serial = check(project, sanitizer)
    finally:
        other_thread_running.set()
        thread.join()
    assert parallel["workers"] >= 2
    assert sanitizer.prefetch is not None
    assert (sanitizer.prefetch.workers, sanitizer.prefetch.serial_because) == (0, SERIAL_THREADS)
    assert len(parallel["report"]) >= 4 * len(REFUSED)
    assert parallel["report"] == serial


def test_there_are_at_least_forty_hostile_vectors():
    assert len(REFUSED) >= 40
    assert len({vector.name for vector in REFUSED}) == len(REFUSED)


PARALLEL_CHECK = """
import json, sys
from mentoring.html.sanitize import Sanitizer
texts = json.load(sys.stdin)
sanitizer = Sanitizer()
prefetch = sanitizer.start_checking(texts)
verdicts = [repr(sanitizer.refused_in_markdown(text)) for text in reversed(texts)]
unasked = repr(sanitizer.refused_in_markdown("<script>alert(1)</script>"))
sanitizer.stop_checking()
json.dump({"workers": prefetch.workers, "verdicts": verdicts, "unasked": unasked}, sys.stdout)
"""


def test_worker_processes_give_each_text_the_verdict_a_serial_check_gives():
    texts = [
        f"Абзац {number}.\n\n{text}\n"
        for number, text in enumerate(
            [vector.text for vector in REFUSED] * 4 + [*SHOWN_IN_BODIES, SHOWN_IN_CODE] * 20
        )
    ]
    parallel = in_fresh_interpreter(PARALLEL_CHECK, stdin=json.dumps(texts))
    serial = Sanitizer()
    assert parallel["workers"] >= 2
    assert parallel["verdicts"] == [
        repr(serial.refused_in_markdown(text)) for text in reversed(texts)
    ]
    assert sum(verdict != "()" for verdict in parallel["verdicts"]) == len(REFUSED) * 4
    assert parallel["unasked"] == repr(serial.refused_in_markdown("<script>alert(1)</script>"))
    assert parallel["unasked"] != "()"


NEWS = "content/news/x.md"
CHECKED_LATER = """
import json, sys
from mentoring.core.errors import Problems
from mentoring.html.sanitize import Sanitizer
texts = json.load(sys.stdin)
sanitizer, now = Sanitizer(), Problems()
prefetch = sanitizer.start_checking(texts, later=True)
for text in texts:  # the last ones are still being checked when asked
    sanitizer.check_author_markdown(text, text, 5, "в тексте новости", "content/news/x.md", now)
late = sanitizer.finish_checking()
json.dump({"workers": prefetch.workers, "now": [str(p) for p in now],
           "late": [str(p) for p in late]}, sys.stdout)
"""


def test_texts_still_being_checked_are_reported_when_the_check_finishes():
    texts = [f"Абзац {number}.\n" for number in range(300)] + [
        f"Абзац.\n\n{vector.text}\n" for vector in REFUSED
    ]
    parallel = in_fresh_interpreter(CHECKED_LATER, stdin=json.dumps(texts))
    serial, problems = Sanitizer(), Problems()
    for text in texts:
        serial.check_author_markdown(
            text, text, 5, "в тексте новости", "content/news/x.md", problems
        )
    assert parallel["workers"] >= 2
    assert parallel["late"]  # the build went on without them
    assert sorted(parallel["now"] + parallel["late"]) == sorted(str(p) for p in problems)


@pytest.mark.parametrize("body", [*SHOWN_IN_BODIES, SHOWN_IN_CODE], ids=range(3))
def test_what_markdown_shows_as_text_is_not_refused(body, tmp_path):
    project = make_site(tmp_path, "minimal")
    path, text, _ = author_file("news", "text", body)
    (project / path).parent.mkdir(parents=True)
    (project / path).write_text(text, "utf-8")

    assert check(project) == []


# --------------------------------------------------------------------------- red team


def refused_in_news(tmp_path: Path, body: str) -> list[str]:
    project = make_site(tmp_path, "minimal")
    path, text, _ = author_file("news", "red-team", body)
    (project / path).parent.mkdir(parents=True)
    (project / path).write_text(text, "utf-8")
    return check(project)


NEWS = "content/news/2022-01-01-red-team.md:8: "
ELEMENT = (
    "не допускается: можно писать только разметку текста (абзацы, заголовки, списки, "
    "таблицы, ссылки, изображения с этого сайта); уберите его или возьмите в обратные "
    "кавычки `…`, если его нужно показать"
)
SCRIPT = "запускает скрипт, а сайт не выполняет чужой код; уберите его"
LINKS = (
    "не допускается: ссылки ведут на страницы и файлы этого сайта или на адреса, "
    "начинающиеся с https://, http://, mailto: или tel:; напишите полный адрес, например "
    "[Текст](https://example.ru/страница)"
)


def test_red_team_image_with_slash_and_onerror(tmp_path):
    assert refused_in_news(tmp_path, "<img/src=x alt=x onerror=alert(1)>") == [
        f"{NEWS}атрибут «onerror» у «<img>» в тексте новости {SCRIPT}"
    ]


def test_red_team_svg_with_slash_and_onload(tmp_path):
    assert refused_in_news(tmp_path, "<svg/onload=alert(1)>") == [
        f"{NEWS}HTML-элемент «<svg>» в тексте новости {ELEMENT}"
    ]


def test_red_team_comment_closed_with_bang(tmp_path):
    assert refused_in_news(tmp_path, "<!--x--!><img src=x alt=x onerror=alert(1)>") == [
        f"{NEWS}атрибут «onerror» у «<img>» в тексте новости {SCRIPT}"
    ]


def test_red_team_javascript_link_in_a_practice(tmp_path):
    project = make_site(tmp_path, "minimal", "practices")
    path, text, line = author_file("practices", "red-team", "[x](javascript:alert(1))")
    (project / path).write_text(text, "utf-8")
    assert check(project) == [
        f"{path}:{line}: ссылка «javascript:alert(1)» в тексте практики {LINKS}"
    ]


def test_red_team_javascript_reference_link_in_a_practice(tmp_path):
    project = make_site(tmp_path, "minimal", "practices")
    body = "[x][r]\n\n[r]: javascript:alert(1)"
    path, text, line = author_file("practices", "red-team", body)
    (project / path).write_text(text, "utf-8")
    assert check(project) == [
        f"{path}:{line + 2}: ссылка «javascript:alert(1)» в тексте практики {LINKS}"
    ]


def test_red_team_attribute_list_with_a_remote_image_source(tmp_path):
    body = "![Фото](photo.png){ src=https://evil.example/x.png }"
    assert refused_in_news(tmp_path, body) == [
        f"{NEWS}изображение «https://evil.example/x.png» в тексте новости загружается не с "
        "этого сайта, а сайт не должен обращаться к чужим серверам; скачайте файл и положите "
        "его в папку content/news/, а в тексте укажите его имя: ![Что изображено](имя-файла.jpg)"
    ]


def test_red_team_attribute_list_with_a_style(tmp_path):
    body = 'Абзац\n{: style="background:url(https://evil.example/x)" }'
    assert refused_in_news(tmp_path, body) == [
        "content/news/2022-01-01-red-team.md:9: атрибут style в тексте новости не "
        "допускается: оформление задаёт тема сайта; уберите его"
    ]


def test_red_team_attribute_list_with_the_theme_config_id(tmp_path):
    assert refused_in_news(tmp_path, "Абзац\n{: #__config }") == [
        "content/news/2022-01-01-red-team.md:9: идентификатор «__config» в тексте новости не "
        "допускается: он должен начинаться с буквы или цифры и состоять из букв, цифр, «-», "
        "«_», «.», «:» (идентификаторы темы сайта начинаются с «__»); например { #moi-razdel }"
    ]


def test_red_team_pre_mermaid(tmp_path):
    assert refused_in_news(tmp_path, "<pre class=mermaid>graph TD; A-->B</pre>") == [
        f"{NEWS}класс «mermaid» в тексте новости не допускается: классы задают только сами "
        "конструкции Markdown (примечания !!! note, !!! warning и т. п.), а оформление — тема "
        "сайта; уберите его"
    ]


def test_red_team_hand_written_docs_page(tmp_path):
    project = make_site(tmp_path, "minimal")
    (project / "docs" / "page.md").write_text(
        "---\ntitle: Страница\n---\n\n# Страница\n\n<svg/onload=alert(1)>\n", "utf-8"
    )
    assert check(project) == [f"docs/page.md:7: HTML-элемент «<svg>» на странице {ELEMENT}"]


# --------------------------------------------------------------------------- allowed markup

ALLOWED = """\
## Цель и задачи { #tseli }

Текст со **строгим**, *курсивом*, `кодом`, [ссылкой](../index.md), [сайтом](https://example.org),
[почтой](mailto:cro@example.org), [телефоном](tel:+74960000000) и сноской[^1].

![Схема](shema.png){ width=300 }
![](uzor.png){ role=presentation }

| Слева | По центру | Справа |
|:------|:---------:|-------:|
| 1     | 2         | 3      |

!!! note "Примечание"
    Текст примечания.

??? warning "Раскрыть"
    Скрытый текст.

Термин
:   Определение.

```python
print("код")
```

<details><summary>Подробнее</summary><p>Текст <abbr title="Центр развития образования">ЦРО</abbr>,
<kbd>Ctrl</kbd>, <sub>1</sub>, <mark>метка</mark>.</p></details>

<div markdown>
1. Первый
2. Второй
</div>

[^1]: Сноска.
"""


def test_what_the_extensions_write_passes_the_allowlist_unchanged():
    assert refused(to_html(ALLOWED)) == []


def test_highlighted_yaml_and_an_empty_heading_pass_but_theme_classes_do_not():
    assert refused(to_html("```yaml\nkey: value\n```\n\n##\n")) == []
    assert [item.value for item in refused('<span class="l-Scalar-Plain md-typeset">x</span>')] == [
        "md-typeset"
    ]


def test_the_extensions_are_those_of_mkdocs_yml():
    extensions = real_config()["markdown_extensions"]
    names = [next(iter(item)) if isinstance(item, dict) else item for item in extensions]
    assert tuple(names) == MARKDOWN_EXTENSIONS
    toc = next(item["toc"] for item in extensions if isinstance(item, dict) and "toc" in item)
    ours = MARKDOWN_SETTINGS["toc"]
    assert (toc["permalink"], toc["permalink_title"]) == (
        ours["permalink"],
        ours["permalink_title"],
    )
    assert toc["slugify"]("Цель и Задачи", "-") == ours["slugify"]("Цель и Задачи", "-")


def test_the_benchmark_content_passes(tmp_path):
    """The synthetic practices and news of `make bench` (N = 50) hold only allowed markup."""
    project, _ = make_projects(tmp_path, 50)
    assert check(project) == []


# --------------------------------------------------------------------------- safety net


def test_the_safety_net_refuses_author_parts_and_leaves_template_html_alone():
    regions = AuthorRegions()
    author = regions.author("текст", "content/news/x.md")
    template = f'<nav class="md-nav"><button onclick="x()">ok</button></nav>\n{author}\n'
    page = to_html(template).replace("текст", '<img src=x alt="" onerror=alert(1)>')
    problems = Problems()

    cleaned = regions.check(page, None, problems)

    assert [str(problem) for problem in problems] == [
        f"content/news/x.md: атрибут «onerror» у «<img>» на странице {SCRIPT}"
    ]
    assert "author" not in cleaned
    assert '<button onclick="x()">' in cleaned


def test_the_safety_net_skips_blocks_a_hand_written_page_includes():
    regions = AuthorRegions()
    block = regions.trusted('<p><a class="md-button" href="plan/">План</a></p>')
    page = to_html(f"# Главная\n\nТекст.\n\n{block}\n")
    problems = Problems()

    cleaned = regions.check(page, "docs/index.md", problems)

    assert not problems
    assert cleaned == to_html(
        '# Главная\n\nТекст.\n\n<p><a class="md-button" href="plan/">План</a></p>\n'
    )
    cleaned = regions.check(
        page.replace("Текст.", "<svg/onload=alert(1)>"), "docs/index.md", problems
    )
    assert [problem.message for problem in problems] == [
        f"HTML-элемент «<svg>» на странице {ELEMENT}"
    ]


# --------------------------------------------------------------------------- hypothesis


class _Elements(HTMLParser):
    """Every element and attribute of converted HTML that the allowlist does not name."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.outside: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:
            self.outside.append(tag)
        allowed = (
            ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set()) | ({"role"} if tag == "img" else set())
        )
        for name, value in attrs:
            value = re.sub(r"[\t\n\r]", "", value or "")  # browsers drop them in addresses
            if name not in allowed:
                self.outside.append(f"{tag}[{name}]")
            elif name == "class" and not all(
                c in CLASSES or c.startswith("language-") for c in value.split()
            ):
                self.outside.append(f"{tag}.{value}")
            elif name in ("href", "src") and re.match(
                r"\s*(//|\\|[a-z][a-z0-9+.-]*:)", value, re.I
            ):
                scheme = value.strip().split(":", 1)[0].lower()
                if name == "src" or scheme not in ("http", "https", "mailto", "tel"):
                    self.outside.append(f"{tag}[{name}={value}]")


PIECES = st.sampled_from(
    [
        "<",
        ">",
        "/",
        "=",
        '"',
        "'",
        "!",
        "-",
        "`",
        "[",
        "]",
        "(",
        ")",
        "{",
        "}",
        ":",
        "#",
        "\n",
        "\n\n",
        " ",
        "\t",
        "&",
        "&#106;",
        "&NewLine;",
        "&Tab;",
        "&colon;",
        "&lt;",
        "<!--",
        "-->",
        "--!>",
        "<img",
        "<svg",
        "<script>",
        "</script>",
        "<a href=",
        "<math>",
        "<p",
        "<div markdown>",
        "</div>",
        "<details open",
        "<body",
        "<iframe",
        "<style>",
        "<pre class=mermaid>",
        " onerror=alert(1)",
        " onload=",
        " src=",
        " style=",
        " id=__config",
        " class=md-x",
        "javascript:",
        "JaVaScRiPt:",
        "data:",
        "vbscript:",
        "https://evil.example/x",
        "//evil.example",
        "\\\\evil",
        "![x](",
        "[x](",
        "[r]: ",
        "{: ",
        "{ src=",
        "#__config",
        ".md-button",
        "!!! note\n    ",
        "```\n",
        "| a | b |\n|---|---|\n",
        "Текст",
        "x.png",
    ]
)
FRAGMENTS = st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=25).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fragment=FRAGMENTS)
def test_random_fragments_are_refused_or_stay_inside_the_allowlist(fragment):
    html = to_html(INTRODUCTION + fragment)
    if refused(html):
        return
    elements = _Elements()
    elements.feed(html)
    elements.close()
    assert elements.outside == [], html


# Field text: printable characters and the pieces above (control characters are refused by
# their own checks, mentoring/core/yamlsource.py).
FIELD_TEXT = st.lists(
    st.one_of(
        PIECES.filter(lambda piece: "\n" not in piece and "\t" not in piece),
        st.text(
            alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Cf")),
            min_size=1,
            max_size=5,
        ),
    ),
    min_size=1,
    max_size=12,
).map(lambda pieces: "".join(pieces).strip() or "Т")


def write_fields(project: Path, title: str, summary: str, body: str) -> None:
    """One news item, material and practice with ``title`` and ``summary`` in every text
    field; the organisation and a glossary term named ``title``."""
    value, other = json.dumps(title, ensure_ascii=False), json.dumps(summary, ensure_ascii=False)
    content = project / "content"
    organizations = content / "organizations.yaml"
    organizations.write_text(
        organizations.read_text("utf-8").replace(
            "name: Тестовая образовательная организация № 1", f"name: {value}"
        ),
        "utf-8",
    )
    glossary = content / "glossary.yaml"
    glossary.write_text(
        glossary.read_text("utf-8")
        + f"  - abbr: ТСТ\n    full: {value}\n    description: {other}\n",
        "utf-8",
    )
    fields = {
        "news": f"title: {value}\nsummary: {other}\n",
        "materials": f"title: {value}\nsummary: {other}\ndate: 2022-05-10\n",
        "practices": (
            f"title: {value}\norganization: school-1\nforms: [pedagog-pedagog]\n"
            f"date: 2024-05-20\nsummary: {other}\ntarget_group: {value}\nresults: [{other}]\n"
        ),
    }
    for kind, front_matter in fields.items():
        name = "2022-02-01-pole.md" if kind == "news" else "pole.md"
        (content / kind).mkdir(exist_ok=True)
        (content / kind / name).write_text(f"---\n{front_matter}---\n\n{body} ТСТ\n", "utf-8")


def page_markup(project: Path) -> set[tuple[str, str]]:
    """(element, attribute) pairs of every generated page as the build converts it."""
    build = SiteBuild.load(project / "content", REPO / "templates", docs_dir=project / "docs")
    renderer = build.renderer
    pages = {
        **renderer.news_pages(with_feed=False),
        **renderer.materials_pages(),
        **{page.path: page.markdown for page in bank_pages(renderer)},
        "glossary.md": renderer.glossary_page(),
    }
    markup = _Markup()
    for markdown_page in pages.values():
        html = renderer.author_regions.check(to_html(markdown_page), None, build.page_problems)
        markup.feed(build.abbreviations.mark(renderer.html_blocks.insert(html)))
    assert not build.page_problems
    return markup.pairs


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pairs: set[tuple[str, str]] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.pairs.add((tag, ""))
        self.pairs.update((tag, name) for name, _ in attrs)


@pytest.fixture(scope="module")
def plain_markup(tmp_path_factory: pytest.TempPathFactory) -> set[tuple[str, str]]:
    project = make_site(tmp_path_factory.mktemp("plain"), "minimal", "practices")
    write_fields(project, "Название", "Кратко.", "Текст.")
    return page_markup(project)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(title=FIELD_TEXT, summary=FIELD_TEXT, body=FRAGMENTS)
def test_random_text_in_every_field_ends_in_no_traceback_and_adds_no_markup(
    tmp_path_factory, plain_markup, title, summary, body
):
    project = make_site(tmp_path_factory.mktemp("fields"), "minimal", "practices")
    write_fields(project, title, summary, body)
    try:
        markup = page_markup(project)
    except ContentError as error:
        assert all(re.match(r"\S+: ", line) for line in error.report_lines())
        return
    allowed = {(tag, "") for tag in TAGS} | {
        (tag, name) for tag in TAGS for name in ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set())
    }
    assert markup <= plain_markup | allowed | {("img", "role")}


def test_the_safety_net_checks_the_footnotes_of_an_author_text_at_the_end_of_the_page():
    regions = AuthorRegions()
    author = regions.author("Текст[^1].\n\n[^1]: Сноска.", "content/news/x.md")
    page = to_html(f'# Новость\n\n{author}\n\n<p class="entry-back">Все новости</p>\n')
    problems = Problems()
    regions.check(page.replace("Сноска.", "<svg/onload=alert(1)>"), None, problems)

    assert f"content/news/x.md: HTML-элемент «<svg>» на странице {ELEMENT}" in [
        str(problem) for problem in problems
    ]


def page_with(regions: AuthorRegions, text: str) -> str:
    """The HTML of a page that shows ``text`` as an author's part, as the site converts a
    page whole (with the text's Markdown in it, not the HTML it was converted to at load)."""
    markdown = f"# Страница\n\n{regions.author(text, 'content/news/x.md')}\n\nКонец.\n"
    return to_html(regions.with_texts(markdown))


def counting_refused(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import mentoring.html.sanitize as sanitize

    checked: list[str] = []

    def counted(html: str) -> list:
        checked.append(html)
        return refused(html)

    monkeypatch.setattr(sanitize, "refused", counted)
    return checked


def test_a_loaded_text_shown_on_a_page_as_it_was_checked_is_not_checked_again(monkeypatch):
    checked = counting_refused(monkeypatch)
    sanitizer = Sanitizer()
    text = "## Итоги\n\nПары [встречались](../plan.md) **раз в неделю**.\n\n- анкеты;\n- дневник.\n"
    assert sanitizer.refused_in_markdown(text) == ()
    assert len(checked) == 1
    regions = AuthorRegions(sanitizer)
    problems = Problems()

    html = regions.check(page_with(regions, text), None, problems)

    assert len(checked) == 1 and not problems
    assert "<strong>раз в неделю</strong>" in html and "author" not in html


def test_a_page_part_that_differs_from_the_checked_text_is_checked_on_the_page(monkeypatch):
    checked = counting_refused(monkeypatch)
    sanitizer = Sanitizer()
    assert sanitizer.refused_in_markdown("Текст новости.\n") == ()
    regions = AuthorRegions(sanitizer)
    problems = Problems()
    page = page_with(regions, "Текст новости.\n").replace(
        "<p>Текст новости.</p>", '<p>Текст новости.</p><img src="x" onerror="alert(1)">'
    )

    regions.check(page, None, problems)

    assert len(checked) == 2
    assert [problem.message for problem in problems] == [
        "атрибут «onerror» у «<img>» на странице запускает скрипт, а сайт не выполняет "
        "чужой код; уберите его"
    ]


WORKER_PRIORITY = """
import json, multiprocessing, os, sys, time
from mentoring.html.sanitize import Sanitizer
texts = [f"Абзац {number}." for number in range(300)]
sanitizer = Sanitizer()
prefetch = sanitizer.start_checking(texts)
sanitizer.refused_in_markdown(texts[-1])  # every worker has started by the last verdict
deadline, niceness = time.monotonic() + 30, []
while time.monotonic() < deadline:
    children = multiprocessing.active_children()
    niceness = [os.getpriority(os.PRIO_PROCESS, child.pid) for child in children]
    if niceness and min(niceness) > os.getpriority(os.PRIO_PROCESS, 0):
        break
    time.sleep(0.05)
sanitizer.stop_checking()
json.dump({"workers": prefetch.workers, "own": os.getpriority(os.PRIO_PROCESS, 0),
           "niceness": niceness}, sys.stdout)
"""


def test_worker_processes_yield_the_processor_to_the_build():
    # The build's process is a build's longest path: the workers take the other core.
    parallel = in_fresh_interpreter(WORKER_PRIORITY)
    assert parallel["workers"] >= 2
    assert len(parallel["niceness"]) == parallel["workers"]
    assert all(niceness > parallel["own"] for niceness in parallel["niceness"])


@st.composite
def marked_page(draw: st.DrawFn) -> tuple[AuthorRegions, str]:
    """Markers of author texts and included blocks among line breaks and other HTML."""
    regions = AuthorRegions()
    start, _, end = str(regions.author("x", "content/news/x.md")).split("\n\n")
    trusted_start, _, trusted_end = regions.trusted("x").split("\n\n")
    pieces = [start, end, trusted_start, trusted_end, "\n", "\n\n", "<p>x</p>", "<!-- x -->"]
    return regions, "".join(draw(st.lists(st.sampled_from(pieces), max_size=10)))


@settings(max_examples=300, deadline=None)
@given(marked_page())
def test_markers_leave_the_page_with_their_blank_lines(marked: tuple[AuthorRegions, str]):
    regions, html = marked
    token = re.search(r"<!-- author (\w+)-", str(regions.author("x", "s"))).group(1)
    marker = rf"<!-- /?(?:author|trusted) {token}(?:-\d+)? -->"
    expected = re.sub(rf"{marker}\n\n|\n*{marker}\Z|{marker}", "", html)
    assert regions.check(html, "docs/x.md", Problems()) == (expected if token in html else html)
