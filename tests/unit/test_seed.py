"""The shipped plan says what the approved plan says (../shared/seed), typos corrected.

The seed is text extracted from a PDF table, so the columns of a row run together. For
each activity the test takes the seed text between its number and the next number and
compares it, as a multiset of words, with the activity's title, result, schedule and
responsible parties from content/plan.yaml. Every deliberate correction is listed here.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from mentoring.content import load_content
from mentoring.models import Activity
from mentoring.schedule import DateRange, Deadline, Occurrences, Throughout, Yearly

REPO = Path(__file__).resolve().parents[2]
# A copy of the approved text is kept with the tests so that they never depend on a
# folder outside the repository; the original is compared with it when present.
SEED = REPO / "tests" / "fixtures" / "seed" / "approved-plan-2021-2024.txt"
ORIGINAL_SEED = REPO.parent / "shared" / "seed" / "000_8b14bc2043315ff6.txt"

# Corrections made on the site: (words on the site, words in the approved text).
CORRECTIONS = {
    "1.1.2": [("по внедрению", "по внедрением")],
    "1.2.1": [("в образовательных организациях городского округа дубна", "в образовательных")],
    "3.3": [("различных форм согласно плану", "различных согласно плана")],
    "3.6": [("промежуточного", "промежугочного")],
}
# How the approved text words each schedule form (the site writes it in its own words).
SEED_WORDING_OF_DEADLINE_THEN_YEARLY = "до {day} с последующим ежегодным обновлением"


@pytest.mark.skipif(not ORIGINAL_SEED.exists(), reason="no shared/ folder beside the repository")
def test_the_copy_of_the_seed_is_the_original():
    assert SEED.read_bytes() == ORIGINAL_SEED.read_bytes()


def words(text: str) -> list[str]:
    text = text.lower().replace("ё", "е")
    return re.findall(r"\d{2}\.\d{2}\.\d{4}|[а-яa-z0-9]+", text)


def seed_segments() -> dict[str, str]:
    """Seed text of each numbered row (direction, section or activity), by its number."""
    text = SEED.read_text("utf-8")
    body = text[text.index("1.Правовое") :]
    number = re.compile(r"^\s*(\d(?:\.\s?\d){0,2})\.?(?=\s|[А-Я])", re.M)
    marks = [(m.group(1).replace(" ", ""), m.start(), m.end()) for m in number.finditer(body)]
    segments = {}
    for (key, _, end), (_, next_start, _) in zip(
        marks, [*marks[1:], ("", len(body), 0)], strict=True
    ):
        segments.setdefault(key, body[end:next_start])
    return segments


def schedule_words(activity: Activity) -> list[str]:
    schedule = activity.schedule
    if isinstance(schedule, DateRange):
        return words(f"{schedule.start.text()} {schedule.end.text()}")
    if isinstance(schedule, Deadline) and schedule.then_yearly:
        return words(SEED_WORDING_OF_DEADLINE_THEN_YEARLY.format(day=schedule.until.text() + "г"))
    if isinstance(schedule, Occurrences):
        return words(" ".join(f"{m.text()} г" for m in schedule.months))
    assert isinstance(schedule, Deadline | Yearly | Throughout)
    return words(schedule.text())


@pytest.fixture(scope="module")
def content():
    return load_content(REPO / "content")


@pytest.fixture(scope="module")
def segments():
    return seed_segments()


def test_every_numbered_row_of_the_seed_is_in_the_plan(content, segments):
    plan = content.plan
    shipped = (
        [d.id for d in plan.directions]
        + [s.id for d in plan.directions for s in d.sections]
        + [a.id for a in plan.activities]
    )

    assert sorted(shipped) == sorted(segments)
    assert [a.id for a in plan.activities] == [
        "1.1.1", "1.1.2", "1.2.1", "1.3.1", "2.1", "2.2", "2.3",
        "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "4.1", "4.2", "4.3",
        "5.1", "5.2", "5.3", "5.4",
    ]  # fmt: skip


def test_activities_match_the_seed_word_for_word(content, segments):
    mismatches = {}
    for activity in content.plan.activities:
        site_text = f"{activity.title} {activity.result}"
        for corrected, original in CORRECTIONS.get(activity.id, []):
            assert corrected in site_text.lower(), f"{activity.id}: correction no longer applies"
            site_text = site_text.lower().replace(corrected, original)
        expected = Counter(
            words(site_text) + schedule_words(activity) + words(" ".join(activity.responsible))
        )
        found = Counter(words(segments[activity.id]))
        if expected != found:
            mismatches[activity.id] = (expected - found, found - expected)

    assert mismatches == {}


def test_directions_and_sections_match_the_seed(content, segments):
    for direction in content.plan.directions:
        assert words(direction.title) == words(segments[direction.id])
        for section in direction.sections:
            assert words(section.title) == words(segments[section.id])


def test_header_matches_the_seed_with_the_typo_corrected(content):
    seed = " ".join(words(SEED.read_text("utf-8")[:800]))
    plan = content.plan

    assert " ".join(words(plan.title)).replace("мероприятий", "меропрнятий") in seed
    assert " ".join(words(plan.approval_text)) in seed
    assert " ".join(words(plan.order_title or "")) in seed
    assert (plan.first_year, plan.last_year) == (2021, 2024)
    assert plan.period.start.isoformat() == "2021-10-04"
