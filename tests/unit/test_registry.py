"""The registry of content kinds against what it must agree with: a kind added in one place
and forgotten in another fails here, not silently on the site."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import re
from pathlib import Path

import pytest
from mkdocs.utils.yaml import yaml_load

from mentoring.__main__ import main
from mentoring.content import Content
from mentoring.core.schema import load_schema
from mentoring.editor.collections import COLLECTIONS
from mentoring.kinds.entries import text_of
from mentoring.kinds.registry import (
    TYPES,
    Scaffold,
    Without,
    by_name,
    by_schema,
    load_order,
    navigation,
    scaffolds,
)
from mentoring.search.index import SECTIONS, section_of

REPO = Path(__file__).resolve().parents[2]
SCHEMAS = REPO / "mentoring" / "schemas"
SCAFFOLD_TEMPLATES = REPO / "mentoring" / "scaffolds"
GUIDE = REPO / "docs" / "guide"
FIELD_TABLE = re.compile(r"<!-- include: fields-([\w-]+) -->")


def site_nav() -> list[object]:
    """The site's navigation: mkdocs.yml's with each kind's entry (as hooks/site.py makes it)."""
    with open(REPO / "mkdocs.yml", encoding="utf-8") as file:
        return navigation(yaml_load(file)["nav"])


def nav_paths() -> list[str]:
    """Every page path named in the site's navigation."""
    paths: list[str] = []

    def walk(items: object) -> None:
        if isinstance(items, str):
            paths.append(items)
        elif isinstance(items, list):
            for item in items:
                walk(item)
        elif isinstance(items, dict):
            for value in items.values():
                walk(value)

    walk(site_nav())
    return paths


def test_every_schema_belongs_to_exactly_one_kind() -> None:
    schemas = sorted(file.name.removesuffix(".schema.json") for file in SCHEMAS.glob("*.json"))
    assert schemas == sorted(kind.schema for kind in TYPES)


def test_names_and_sections_are_unique() -> None:
    names = [kind.name for kind in TYPES]
    sections = [kind.section for kind in TYPES if kind.section]
    assert len(set(names)) == len(names)
    assert len(set(sections)) == len(sections)


@pytest.mark.parametrize("kind", TYPES, ids=lambda kind: kind.name)
def test_kind_is_wired(kind) -> None:
    assert load_schema(kind.schema)["description"]
    assert by_schema(kind.schema) is kind
    load = kind.loaded().load
    keywords = [
        parameter.name
        for parameter in inspect.signature(load).parameters.values()
        if parameter.kind is parameter.KEYWORD_ONLY
    ]
    # An entry kind also takes the entries `make serve` remembers (mentoring/core/incremental.py)
    # and the build's allowlist verdicts (mentoring/html/sanitize.py).
    needs = [*kind.needs, "memory", "sanitizer"] if kind.is_entries else list(kind.needs)
    assert sorted(keywords) == sorted(needs), "the loader takes what the kind needs"
    if kind.section is not None:  # organisations are pages of the bank
        assert kind.hook("pages") or (kind.nav and kind.nav.parent), "a section has pages"
    if kind.nav is not None:
        assert kind.nav.page in (f"{kind.section}.md", f"{kind.section}/index.md")
    if kind.is_entries:
        assert text_of(kind.schema).startswith("в тексте ")
    else:
        assert kind.source.endswith(".yaml") and kind.text_of is None
    if kind.section is not None:
        assert any(
            path == f"{kind.section}.md" or path.startswith(f"{kind.section}/")
            for path in nav_paths()
        ), f"{kind.section} is not in the nav"
        expected = kind.search_section or "Заголовок страницы"
        assert section_of(f"{kind.section}/x/", "Заголовок страницы") == expected


def test_search_sections_come_from_the_registry() -> None:
    assert set(SECTIONS) == {""} | {kind.section for kind in TYPES if kind.search_section}


def test_an_undeclared_schema_fails_loudly() -> None:
    with pytest.raises(KeyError):
        text_of("events-not-declared")


def test_every_module_with_a_loader_is_a_declared_kind() -> None:
    """A kind's module written but not declared in the registry would never be loaded."""
    declared = {kind.module for kind in TYPES}
    kinds_dir = REPO / "mentoring" / "kinds"
    for file in sorted(kinds_dir.rglob("*.py")):
        name = ".".join(("mentoring", *file.relative_to(REPO / "mentoring").with_suffix("").parts))
        module = importlib.import_module(name.removesuffix(".__init__"))
        if callable(getattr(module, "load", None)):
            assert name in declared, f"{name} has load() but no kind in the registry"


def test_content_fields_are_kinds() -> None:
    kinds = {field.name for field in dataclasses.fields(Content)} - {"root", "references", "kinds"}
    assert all(by_name(name) for name in kinds)


def test_kinds_load_after_what_they_need() -> None:
    order = [kind.name for kind in load_order()]
    assert sorted(order) == sorted(kind.name for kind in TYPES)
    for kind in TYPES:
        assert all(order.index(need) < order.index(kind.name) for need in kind.needs)


def test_the_nav_holds_every_kind_once_after_the_home_page() -> None:
    nav = site_nav()
    assert nav[0] == {"Главная": "index.md"}
    paths = nav_paths()
    for kind in TYPES:
        if kind.nav is not None:
            assert paths.count(kind.nav.page) == 1
    places = [(kind.nav.parent, kind.nav.place) for kind in TYPES if kind.nav]
    assert len(set(places)) == len(places), "two kinds in one place"
    assert nav[1:4] == [
        {"План мероприятий": "plan/index.md"},
        {"Новости": "news/index.md"},
        {"Мероприятия": "events/index.md"},
    ]
    assert {
        "Банк практик": ["practices/index.md", {"Организации": "organizations/index.md"}]
    } in nav


def make_recipe(target: str) -> str:
    """The recipe of ``target`` in the Makefile ("" when there is no such rule)."""
    makefile = (REPO / "Makefile").read_text("utf-8")
    rule = re.search(rf"^{re.escape(target)}:.*\n((?:\t.*\n)*)", makefile, re.M)
    return rule.group(1) if rule else ""


@pytest.mark.parametrize("kind", TYPES, ids=lambda kind: kind.name)
def test_kind_has_its_scaffold_or_says_why_not(kind) -> None:
    if isinstance(kind.scaffold, Without):
        assert kind.scaffold.reason.strip()
        return
    name = kind.scaffold.name
    assert f"-m mentoring new-{name} " in make_recipe(name), f"no `make {name}`"
    suffix = "md" if kind.is_entries else "yaml"
    assert [path.name for path in SCAFFOLD_TEMPLATES.glob(f"{name}.*.j2")] == [
        f"{name}.{suffix}.j2"
    ]


def test_every_make_target_of_a_scaffold_is_declared_and_passes_its_options() -> None:
    """The other way round: a `make` target left for a scaffold the registry no longer
    declares would call a command that does not exist; and each target passes what its
    command takes (files, or the day of an event)."""
    makefile = (REPO / "Makefile").read_text("utf-8")
    assert sorted(re.findall(r"-m mentoring new-([\w-]+) ", makefile)) == sorted(scaffolds())
    phony = " ".join(re.findall(r"^\.PHONY:(.*)$", makefile, re.M)).split()
    assert set(scaffolds()) <= set(phony)  # else a file named news would stop `make news`
    for name, scaffold in scaffolds().items():
        recipe = make_recipe(name)
        assert ("--files" in recipe, "--date" in recipe) == (
            scaffold.files is not None,
            scaffold.files is None,
        ), f"make {name}"


def test_every_scaffold_belongs_to_a_kind() -> None:
    declared = {kind.scaffold.name for kind in TYPES if isinstance(kind.scaffold, Scaffold)}
    templates = {path.name.split(".")[0] for path in SCAFFOLD_TEMPLATES.glob("*.j2")}
    assert templates == declared


@pytest.mark.parametrize(
    "kind", [kind for kind in TYPES if isinstance(kind.scaffold, Scaffold)], ids=lambda k: k.name
)
def test_scaffold_command_creates_the_entry_in_the_registrys_words(
    kind, content_dir: Path, fixed_epoch: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`new-<scaffold>` exists, says what it creates and what to fill in as the registry
    does, and creates an entry where the kind lives (a scaffold without its command fails)."""
    scaffold = kind.scaffold
    day = [] if scaffold.files else ["--date", "2026-12-10"]
    command = [f"new-{scaffold.name}", "--title", "Семинар", *day, str(content_dir)]

    with pytest.raises(SystemExit):
        main([command[0], "--help"])
    usage = capsys.readouterr().out
    assert main(command) == 0
    printed = capsys.readouterr().out

    assert ("--files" in usage, "--date" in usage) == (bool(scaffold.files), not scaffold.files)
    assert scaffold.files is None or " ".join(scaffold.files.split()) in " ".join(usage.split())
    created = printed.splitlines()[0].removeprefix("Готово: ").removesuffix(".")
    assert Path(created).is_relative_to(content_dir / kind.source)
    assert printed.splitlines()[1].startswith(f"Заполните {scaffold.to_fill.split('{')[0]}")


def test_the_commands_list_the_registrys_scaffolds(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    usage = capsys.readouterr().out
    for kind in TYPES:
        if isinstance(kind.scaffold, Scaffold):
            scaffold = kind.scaffold
            assert f"создать {scaffold.created} по шаблону" in usage


@pytest.mark.parametrize("kind", TYPES, ids=lambda kind: kind.name)
def test_kind_has_its_guide_table_or_says_why_not(kind) -> None:
    pages = {page.name: page.read_text("utf-8") for page in sorted(GUIDE.glob("*.md"))}
    tables = {page: FIELD_TABLE.findall(text) for page, text in pages.items()}
    showing = [page for page, names in tables.items() if kind.schema in names]
    if isinstance(kind.guide, Without):
        assert kind.guide.reason.strip()
        assert showing == [], "a table that the kind says it has not"
    else:
        assert showing == [kind.guide], f"fields-{kind.schema} is not (only) on {kind.guide}"


@pytest.mark.parametrize("kind", TYPES, ids=lambda kind: kind.name)
def test_kind_is_edited_where_it_lives(kind) -> None:
    """Every kind has a collection in the web editor, at the kind's own source."""
    collections = [settings for settings in COLLECTIONS if settings.schema == kind.schema]
    assert collections, f"no editor collection for {kind.name}"
    place = f"content/{kind.source.rstrip('/')}"
    for settings in collections:
        assert (settings.folder if kind.is_entries else settings.file) == place, settings.name


def fields_named(schema: object, name: str) -> bool:
    """Whether a schema (its items, nested objects and definitions too) has a field ``name``."""
    if isinstance(schema, dict):
        if name in schema.get("properties", {}):
            return True
        return any(fields_named(value, name) for value in schema.values())
    if isinstance(schema, list):
        return any(fields_named(value, name) for value in schema)
    return False


def test_cross_kind_checks_cover_every_kind_with_such_fields() -> None:
    """mentoring/content.py checks links to pages (``page``) and to documents (``document``)
    kind by kind, by name: a kind that adds such a field must be added there too."""
    schemas = {kind.schema: load_schema(kind.schema) for kind in TYPES}
    with_page = {name for name, schema in schemas.items() if fields_named(schema, "page")}
    with_document = {name for name, schema in schemas.items() if fields_named(schema, "document")}
    assert with_page == {"plan", "documents"}, "Content.check_page_references"
    assert with_document == {"plan", "practice"}, "content._check_documents_named"
