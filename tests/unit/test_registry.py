"""The registry of content kinds against what it must agree with: a kind added in one place
and forgotten in another fails here, not silently on the site."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from mkdocs.utils.yaml import yaml_load

from mentoring.content import Content
from mentoring.core.schema import load_schema
from mentoring.kinds.entries import text_of
from mentoring.kinds.registry import TYPES, by_schema
from mentoring.search.index import SECTIONS, section_of

REPO = Path(__file__).resolve().parents[2]
SCHEMAS = REPO / "mentoring" / "schemas"


def nav_paths() -> list[str]:
    """Every page path named in mkdocs.yml's navigation."""
    with open(REPO / "mkdocs.yml", encoding="utf-8") as file:
        nav = yaml_load(file)
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

    walk(nav["nav"])
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
    if kind.module is None:
        assert kind.name in {field.name for field in dataclasses.fields(Content)}
    else:
        module = kind.loaded()
        assert all(callable(getattr(module, name)) for name in ("load", "pages", "blocks", "home"))
    if kind.is_entries:
        assert text_of(kind.schema).startswith("в тексте ")
    else:
        assert kind.source.endswith(".yaml") and kind.text_of is None
    if kind.section is not None:
        assert any(
            path == f"{kind.section}.md" or path.startswith(f"{kind.section}/")
            for path in nav_paths()
        ), f"{kind.section} is not in mkdocs.yml's nav"
        expected = kind.search_section or "Заголовок страницы"
        assert section_of(f"{kind.section}/x/", "Заголовок страницы") == expected


def test_search_sections_come_from_the_registry() -> None:
    assert set(SECTIONS) == {""} | {kind.section for kind in TYPES if kind.search_section}


def test_an_undeclared_schema_fails_loudly() -> None:
    with pytest.raises(KeyError):
        text_of("events-not-declared")
