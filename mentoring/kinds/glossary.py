"""Abbreviations (content/glossary.yaml): explained wherever they appear, listed on their page;
the responsible parties of plan activities are among them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mentoring.core.errors import FirstOccurrences, Problems
from mentoring.core.schema import load_validated
from mentoring.core.yamlsource import YamlMap
from mentoring.kinds.models import Glossary, Term

GLOSSARY_FILE = "glossary.yaml"
GLOSSARY_PAGE = "glossary.md"


def load(root: Path, display_root: str, problems: Problems) -> Glossary | None:
    shown_as = f"{display_root}/{GLOSSARY_FILE}"
    data = load_validated(root / GLOSSARY_FILE, shown_as, "glossary", problems)
    return build_glossary(data, shown_as, problems)


def build_glossary(data: YamlMap | None, path: str, problems: Problems) -> Glossary | None:
    if data is None:
        return None
    abbreviations = FirstOccurrences(
        path, problems, "abbr", "сокращение «{value}» уже описано в строке {first}"
    )
    terms = []
    for index, raw in enumerate(data["terms"]):
        if not abbreviations.is_new(raw["abbr"], data["terms"].line_of(index)):
            continue
        terms.append(
            Term(
                abbr=raw["abbr"],
                full=raw["full"],
                description=raw.get("description"),
                responsible=raw.get("responsible", False),
            )
        )
    return Glossary(tuple(terms))


def pages(renderer: Any) -> list[tuple[str, str, bool]]:
    return [(GLOSSARY_PAGE, renderer.glossary_page(), True)]
