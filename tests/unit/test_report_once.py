"""A site that does not build is reported once in a browser test run, not once per test."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

REPORT = "content/plan.yaml:3: поле «id»: обязательное поле не заполнено"


def test_the_content_report_appears_once_and_the_other_tests_point_to_it(
    pytester: pytest.Pytester,
) -> None:
    pytester.makeconftest(
        f"""
import pytest
from tests.browser.conftest import SiteBuildFailed, pytest_runtest_makereport  # noqa: F401

@pytest.fixture(scope="session")
def built_site():
    raise SiteBuildFailed({REPORT!r})
"""
    )
    pytester.makepyfile(
        test_pages="""
def test_home(built_site): pass
def test_plan(built_site): pass
def test_news(built_site): pass
def test_without_the_site(): pass
"""
    )

    result = pytester.runpytest_inprocess("-p", "no:randomly", "-p", "no:cacheprovider")

    result.assert_outcomes(passed=1, errors=3)
    # pytest's one-line summary at the end may repeat each message, cut to the terminal's
    # width: the reports themselves are the ERRORS section.
    output = result.stdout.str().partition("short test summary info")[0]
    assert output.count(REPORT) == 1
    assert (
        output.count("сайт не собрался; отчёт о содержимом — один раз, у test_pages.py::test_home")
        == 2
    )
