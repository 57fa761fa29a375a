"""`make serve` in a real browser: a content error shows as a page, the fix reloads the site."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.helpers import FIXED_EPOCH, REPO, make_site

START_TIMEOUT_S = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        assert server.poll() is None, "the preview server stopped"
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError as error:
            if getattr(error, "code", None) == 404:
                return  # the problems page is served as the page of every address
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer in {START_TIMEOUT_S} s")


def test_error_page_then_the_site_once_fixed(browser, tmp_path: Path) -> None:
    project = make_site(tmp_path)
    plan = project / "content" / "plan.yaml"
    good = plan.read_text("utf-8")
    plan.write_text(good.replace("title: Консультации", 'title: "Консультации" — ЦРО'), "utf-8")
    address = f"127.0.0.1:{free_port()}"
    env = {**os.environ, "SOURCE_DATE_EPOCH": FIXED_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, str(REPO / "hooks" / "serve.py"), "-f", str(project / "mkdocs.yml")]
    server = subprocess.Popen(
        [*command, "--dev-addr", address, "--watch", str(project / "content")],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_serving(f"http://{address}/", server)
        page = browser.new_page()
        page.goto(f"http://{address}/")

        assert page.title() == "Сайт не собран"
        assert page.locator(".problems li").all_inner_texts() == [
            "content/plan.yaml:23: после закрывающей кавычки идёт текст «— ЦРО»: кавычка в "
            "начале значения открывает всё значение, а следующая такая же его закрывает; "
            "замените кавычки внутри на ёлочки «…» или возьмите всё значение в одинарные "
            "кавычки '…'"
        ]

        plan.write_text(good, "utf-8")
        page.wait_for_function("!document.title.includes('не собран')", timeout=60_000)

        assert page.locator("h1").first.inner_text() != "Сайт не собран"
    finally:
        server.terminate()
        server.wait(timeout=20)
