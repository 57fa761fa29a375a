"""Smoke test: the home page and the 404 page load offline and are in Russian."""

from __future__ import annotations


def test_home_and_404_load_offline(page, external_requests: list[str]) -> None:
    for path in ("/", "/404.html"):
        response = page.goto(path, wait_until="networkidle")
        assert response is not None and response.ok, f"{path}: HTTP error"
        assert page.title().strip(), f"{path}: empty <title>"
        lang = page.locator("html").get_attribute("lang") or ""
        assert lang.startswith("ru"), f"{path}: html[lang]={lang!r}"
    assert external_requests == []
