"""Review before recommendation: a practice's status, its document, the criteria file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mentoring.core.errors import Problems
from mentoring.kinds.practices.review import Review, check_review_documents, load_review_criteria

CRITERIA = """\
statuses:
  - status: {first}
    criteria: [заполнены все поля]
  - status: reviewed
    who: методический совет ЦРО
    criteria: [реализуется не меньше года]
  - status: recommended
    criteria: [результаты измеримы]
"""


def _load(tmp_path: Path, text: str):
    (tmp_path / "review.yaml").write_text(text, "utf-8")
    problems = Problems()
    return load_review_criteria(tmp_path, "content", problems), [str(p) for p in problems]


def test_criteria_are_read_in_the_order_of_the_path(tmp_path: Path) -> None:
    criteria, problems = _load(tmp_path, CRITERIA.format(first="submitted"))
    assert problems == []
    assert [s.label for s in criteria.statuses] == [
        "Подана",
        "Проверена",
        "Рекомендована к тиражированию",
    ]
    assert criteria.statuses[1].who == "методический совет ЦРО"


def test_a_status_described_twice_is_refused(tmp_path: Path) -> None:
    criteria, problems = _load(tmp_path, CRITERIA.format(first="reviewed"))
    assert criteria is None
    assert problems == [
        "content/review.yaml:1: поле «statuses»: опишите каждый статус один раз и по порядку: "
        "submitted, reviewed, recommended"
    ]


def test_the_criteria_file_is_optional(tmp_path: Path) -> None:
    assert load_review_criteria(tmp_path, "content", Problems()) is None


def test_review_document_must_exist() -> None:
    problems = Problems()
    review = Review("recommended", dt.date(2025, 5, 1), "методический совет ЦРО", "protokol-1", 9)
    check_review_documents([("content/practices/x.md", review)], {"r-145"}, problems)
    assert [str(p) for p in problems] == [
        "content/practices/x.md:9: поле «document»: в documents.yaml нет документа «protokol-1»; "
        "укажите id документа из content/documents.yaml"
    ]
