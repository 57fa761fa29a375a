"""Review before recommendation: the status of a practice (submitted, reviewed, recommended)
and the published criteria of each status (content/review.yaml)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from mentoring.core.errors import Problems
from mentoring.core.schema import load_validated
from mentoring.core.yamlsource import YamlMap
from mentoring.kinds.entries import parse_date

REVIEW_FILE = "review.yaml"
# The schemas' enumeration, in the order a practice goes through it, with the Russian names.
REVIEW_STATUSES = {
    "submitted": "Подана",
    "reviewed": "Проверена",
    "recommended": "Рекомендована к тиражированию",
}


@dataclass(frozen=True)
class Review:
    status: str
    date: dt.date
    body: str
    document: str | None = None
    line: int | None = None  # of the document field, for its cross-check

    @property
    def label(self) -> str:
        return REVIEW_STATUSES[self.status]


@dataclass(frozen=True)
class StatusCriteria:
    status: str
    criteria: tuple[str, ...]
    who: str | None = None

    @property
    def label(self) -> str:
        return REVIEW_STATUSES[self.status]


@dataclass(frozen=True)
class ReviewCriteria:
    statuses: tuple[StatusCriteria, ...]
    intro: str | None = None
    sample: bool = False


def build_review(data: YamlMap, path: str, problems: Problems) -> Review | None:
    """The ``review`` of a practice, shaped by the schema; None if its date does not exist."""
    date = parse_date(data, "date", path, problems)
    if date is None:
        return None
    return Review(
        data["status"],
        date,
        data["body"],
        data.get("document"),
        data.line_of("document") if "document" in data else None,
    )


def load_review_criteria(
    root: Path, display_root: str, problems: Problems
) -> ReviewCriteria | None:
    """content/review.yaml: optional; each status described once, in the order of the path."""
    file = root / REVIEW_FILE
    if not file.exists():
        return None
    shown_as = f"{display_root}/{REVIEW_FILE}"
    data = load_validated(file, shown_as, "review", problems)
    if data is None:
        return None
    statuses = [item["status"] for item in data["statuses"]]
    if statuses != list(REVIEW_STATUSES):
        problems.add(
            shown_as,
            data.line_of("statuses"),
            "statuses",
            "опишите каждый статус один раз и по порядку: " + ", ".join(REVIEW_STATUSES),
        )
        return None
    return ReviewCriteria(
        tuple(
            StatusCriteria(item["status"], tuple(item["criteria"]), item.get("who"))
            for item in data["statuses"]
        ),
        data.get("intro"),
        data.get("sample", False),
    )


def check_review_documents(
    practices_reviews: list[tuple[str, Review]], document_ids: set[str], problems: Problems
) -> None:
    """``review.document`` must name a document of content/documents.yaml."""
    for path, review in practices_reviews:
        if review.document is not None and review.document not in document_ids:
            problems.add(
                path,
                review.line,
                "document",
                f"в documents.yaml нет документа «{review.document}»; "
                "укажите id документа из content/documents.yaml",
            )


# --------------------------------------------------------------------------- the kind
# The criteria are shown on the bank's pages (mentoring/kinds/practices/pages.py).

load = load_review_criteria


def published(criteria: ReviewCriteria | None, show_samples: bool) -> ReviewCriteria | None:
    return None if criteria is not None and criteria.sample and not show_samples else criteria
