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

from mentoring.content import Content
from mentoring.kinds.models import Activity
from mentoring.kinds.plan.schedule import DateRange, Deadline, Occurrences, Throughout, Yearly
from tests.content.conftest import content_error

REPO = Path(__file__).resolve().parents[2]
# A copy of the approved text is kept with the tests so that they never depend on a
# folder outside the repository; the original is compared with it when present.
SEED = REPO / "tests" / "fixtures" / "seed" / "approved-plan-2021-2024.txt"
ORIGINAL_SEED = REPO.parent / "shared" / "seed" / "000_8b14bc2043315ff6.txt"
PLAN = "content/plan.yaml"

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
def segments():
    return seed_segments()


def test_every_numbered_row_of_the_seed_is_in_the_plan(
    shipped_content: Content, segments: dict[str, str]
):
    plan = shipped_content.plan
    shipped = (
        [d.id for d in plan.directions]
        + [s.id for d in plan.directions for s in d.sections]
        + [a.id for a in plan.activities]
    )

    if missing := sorted(set(segments) - set(shipped)):
        content_error(PLAN, f"нет строк утверждённого плана с номерами {', '.join(missing)}")
    if extra := sorted(set(shipped) - set(segments)):
        content_error(PLAN, f"номеров {', '.join(extra)} нет в утверждённом плане")
    activities = [a.id for a in plan.activities]
    if activities != [number for number in segments if number in activities]:
        content_error(PLAN, "мероприятия идут не в том порядке, что в утверждённом плане")


def test_activities_match_the_seed_word_for_word(
    shipped_content: Content, segments: dict[str, str]
):
    mismatches: list[str] = []
    for activity in shipped_content.plan.activities:
        site_text = f"{activity.title} {activity.result}"
        for corrected, original in CORRECTIONS.get(activity.id, []):
            if corrected not in site_text.lower():
                content_error(
                    f"{PLAN}:{activity.line}",
                    f"в мероприятии {activity.id} больше нет исправления «{corrected}» "
                    f"(в утверждённом тексте «{original}»); поправьте список CORRECTIONS",
                )
            site_text = site_text.lower().replace(corrected, original)
        expected = Counter(
            words(site_text) + schedule_words(activity) + words(" ".join(activity.responsible))
        )
        found = Counter(words(segments[activity.id]))
        if expected != found:
            mismatches.append(
                f"{PLAN}:{activity.line}: мероприятие {activity.id}: на сайте лишнее "
                f"«{' '.join((expected - found).elements())}», нет "
                f"«{' '.join((found - expected).elements())}» из утверждённого плана"
            )
    if mismatches:
        content_error(PLAN, "расходится с утверждённым планом:\n" + "\n".join(mismatches))


def test_directions_and_sections_match_the_seed(shipped_content: Content, segments: dict[str, str]):
    for direction in shipped_content.plan.directions:
        for number, title in [
            (direction.id, direction.title),
            *((section.id, section.title) for section in direction.sections),
        ]:
            if words(title) != words(segments[number]):
                content_error(
                    PLAN,
                    f"название «{number}. {title}» расходится с утверждённым планом: "
                    f"«{segments[number].strip()}»",
                )


def test_header_matches_the_seed_with_the_typo_corrected(shipped_content: Content):
    seed = " ".join(words(SEED.read_text("utf-8")[:800]))
    plan = shipped_content.plan

    assert " ".join(words(plan.title)).replace("мероприятий", "меропрнятий") in seed
    assert " ".join(words(plan.approval_text)) in seed
    assert " ".join(words(plan.order_title or "")) in seed
    assert (plan.first_year, plan.last_year) == (2021, 2024)
    assert plan.period.start.isoformat() == "2021-10-04"
