"""The shipped content and pages load as the build loads them (with the allowlist of markup)."""

from __future__ import annotations

from mentoring.content import Content


def test_the_shipped_content_loads_without_problems(shipped_content: Content) -> None:
    assert shipped_content.plan.activities, "content/plan.yaml has no activities"
