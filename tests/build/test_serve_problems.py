"""`make serve` (hooks/serve.py): a content error becomes a page in place of the site, and
the next build after the fix publishes the site again."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from mkdocs.config import load_config

from tests.helpers import FIXED_EPOCH, REPO, make_site

_spec = importlib.util.spec_from_file_location("serve_hook", REPO / "hooks" / "serve.py")
assert _spec is not None and _spec.loader is not None
serve = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = serve  # dataclasses look their module up
_spec.loader.exec_module(serve)


def build_like_serve(project: Path) -> Path:
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    serve.build_or_show_problems(config, serve_url="http://127.0.0.1:8000/")
    return project / "site"


def test_a_content_error_is_a_page_and_the_fix_brings_the_site_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    project = make_site(tmp_path)
    plan = project / "content" / "plan.yaml"
    good = plan.read_text("utf-8")
    plan.write_text(good.replace("title: Консультации", "title: «Итоги: консультации»"), "utf-8")

    site = build_like_serve(project)

    assert sorted(path.name for path in site.iterdir()) == ["404.html", "index.html"]
    page = (site / "404.html").read_text("utf-8")
    assert (site / "index.html").read_text("utf-8") == page
    assert "<h1>Сайт не собран</h1>" in page
    assert (
        "<li><code>content/plan.yaml:23</code>: двоеточие с пробелом внутри значения, а "
        "кавычки-ёлочки «…» не считаются; возьмите всё значение в прямые кавычки "
        "&#34;…&#34;</li>"
    ) in page
    assert 'fetch("/livereload/0/0")' in page  # reloads itself after the next build

    plan.write_text(good, "utf-8")
    site = build_like_serve(project)

    assert "Сайт не собран" not in (site / "index.html").read_text("utf-8")
    assert (site / "plan" / "index.html").is_file()


def test_problems_are_escaped_on_the_page(tmp_path: Path) -> None:
    site = tmp_path / "site"
    serve.write_problems_page(
        site, "1 ошибка", [serve.Shown("content/x.md:1", "<script>alert(1)</script>")]
    )

    page = (site / "404.html").read_text("utf-8")

    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
