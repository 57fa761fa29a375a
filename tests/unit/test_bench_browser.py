"""The browser part of `make bench` (scripts/bench/browser.py): how its figures are read
and reported, and the gzip server it loads pages from. No timing is asserted here: speed
goals live in the benchmark's report."""

from __future__ import annotations

import gzip
import http.client
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from scripts.bench.browser import Visit, interactive_at, page_types, quiet_since, served
from scripts.bench.report import report_visits


def test_interactive_is_the_end_of_the_last_long_task_or_dom_content_loaded() -> None:
    assert interactive_at(900.0, []) == 900.0
    assert interactive_at(900.0, [[100.0, 400.0], [1500.0, 1700.0]]) == 1700.0
    assert interactive_at(2000.0, [[100.0, 400.0]]) == 2000.0


def test_quiet_time_counts_from_the_load_event_or_the_last_long_task() -> None:
    assert quiet_since({"load": 0, "longTasks": [], "now": 5000}) == 0.0  # not loaded yet
    assert quiet_since({"load": 1000, "longTasks": [], "now": 3500}) == 2500.0
    figures = {"load": 1000, "longTasks": [[1200, 1800]], "now": 3500}
    assert quiet_since(figures) == 1700.0


def test_page_types_are_found_in_a_built_site(tmp_path: Path) -> None:
    for url in ("", "plan/", "practices/", "practices/klub/", "practices/form/a/"):
        (tmp_path / url).mkdir(parents=True, exist_ok=True)
        (tmp_path / url / "index.html").write_text("<p>x</p>")
    (tmp_path / "practices" / "page" / "2").mkdir(parents=True)
    (tmp_path / "practices" / "page" / "2" / "index.html").write_text("<p>x</p>")
    assert page_types(tmp_path) == {
        "Главная": "",
        "План": "plan/",
        "Банк практик": "practices/",
        "Практика": "practices/klub/",
        "Отбор по форме": "practices/form/a/",
    }


def test_the_report_shows_each_site_and_page_in_seconds_and_kilobytes(capsys) -> None:
    visit = Visit("/practices/", 150 * 1024, 21, 1234.0, 2500.0, 1980.0, 4)
    report_visits({"N = 5000": {"Банк практик": visit}})
    lines = capsys.readouterr().out.splitlines()
    assert "| N = 5000 | Банк практик | `/practices/` | 150 | 21 | 1,2 | 2,5 | 2,0 | 4 |" in lines
    assert any("1,6 Мбит/с" in line for line in lines)


def test_nothing_is_reported_without_visits(capsys) -> None:
    report_visits({})
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("encoding", ["gzip", "identity"])
def test_text_is_served_with_gzip_when_asked(tmp_path: Path, encoding: str) -> None:
    body = "<!doctype html><title>т</title>" + "практика " * 500
    (tmp_path / "practices").mkdir()
    (tmp_path / "practices" / "index.html").write_text(body, "utf-8")
    with served(tmp_path) as base:
        request = urllib.request.Request(base + "practices/", headers={"Accept-Encoding": encoding})
        with urllib.request.urlopen(request) as response:
            raw = response.read()
            header = response.headers.get("Content-Encoding")
    if encoding == "gzip":
        assert header == "gzip" and len(raw) < len(body.encode()) / 5
        assert gzip.decompress(raw).decode("utf-8") == body
    else:
        assert header is None and raw.decode("utf-8") == body


def test_connections_are_kept_alive(tmp_path: Path) -> None:
    """Like nginx, several files come over one connection: no new connection per file."""
    (tmp_path / "a.css").write_text("a { color: red }", "utf-8")
    (tmp_path / "b.js").write_text("let b = 1;", "utf-8")
    with served(tmp_path) as base:
        connection = http.client.HTTPConnection(urllib.parse.urlsplit(base).netloc)
        try:
            bodies = []
            for name in ("a.css", "b.js", "a.css"):
                connection.request("GET", "/" + name, headers={"Accept-Encoding": "gzip"})
                response = connection.getresponse()
                bodies.append((response.status, response.version, response.read()))
                assert not response.will_close
        finally:
            connection.close()
    assert [(status, version) for status, version, _ in bodies] == [(200, 11)] * 3
    assert gzip.decompress(bodies[0][2]) == b"a { color: red }"


def test_a_stuck_load_is_tried_again_and_reported(capsys) -> None:
    from playwright.sync_api import TimeoutError as StuckLoad

    from scripts.bench.browser import _visit_again_if_stuck

    outcomes: list[Exception | dict[str, int]] = [StuckLoad("no load event"), {"load": 900}]

    def visit_once() -> dict[str, int]:
        outcome = outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    assert _visit_again_if_stuck(visit_once) == {"load": 900}
    assert "loading again" in capsys.readouterr().err


def test_a_load_stuck_every_time_ends_the_benchmark() -> None:
    from playwright.sync_api import TimeoutError as StuckLoad

    from scripts.bench.browser import _visit_again_if_stuck

    calls = []

    def visit_once() -> dict[str, int]:
        calls.append(1)
        raise StuckLoad("no load event")

    with pytest.raises(StuckLoad):
        _visit_again_if_stuck(visit_once, attempts=2)
    assert len(calls) == 2
