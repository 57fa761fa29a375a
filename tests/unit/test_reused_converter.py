"""Generated pages outside the menu are converted by one Markdown instance, reset for each
(hooks/site.py, ``ReusedConverterPage``): the page must come out as MkDocs' own ``Page``
gives it, whatever the pages converted before it held.
"""

from __future__ import annotations

import ast
import importlib.util
import inspect
import textwrap
from pathlib import Path

import pytest
from markdown import Markdown
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("site_hook_converter", REPO / "hooks" / "site.py")
assert _spec is not None and _spec.loader is not None
site_hook = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(site_hook)

# What each page's Markdown holds: each could leave state behind in a reused instance.
PAGES = {
    "a/index.md": """# Первая { .practice-title }

Текст со сноской[^1] и ссылкой на [раздел](#razdel).

## Раздел { #razdel }

<div markdown id="svoi">**жирный**</div>

[^1]: Сноска первой страницы.
""",
    "b/index.md": """# Вторая

## Раздел { #razdel }

Термин
:   определение

| a | b |
|---|---|
| 1 | 2 |

```python
print("код")
```

!!! note "Заметка"
    Текст заметки.
""",
    "c/index.md": """Без заголовка первого уровня[^2].

## Раздел

## Раздел

[^2]: Сноска третьей страницы.
""",
}


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> MkDocsConfig:
    """The site's Markdown settings (mkdocs.yml), on a docs folder of the pages above."""
    docs = tmp_path_factory.mktemp("docs")
    for path, text in PAGES.items():
        (docs / path).parent.mkdir(parents=True)
        (docs / path).write_text(text, "utf-8")
    return load_config(str(REPO / "mkdocs.yml"), docs_dir=str(docs))


def rendered(page: Page, config: MkDocsConfig, files: Files) -> tuple[object, ...]:
    page.read_source(config)
    page.render(config, files)
    return (
        page.content,
        [(item.id, item.title, item.level, len(item.children)) for item in page.toc],
        page.title,
        page.present_anchor_ids,
        {file.src_uri: links for file, links in (page.links_to_anchors or {}).items()},
    )


def test_each_page_comes_out_as_mkdocs_renders_it(config: MkDocsConfig) -> None:
    def files_of(kind: type[Page], **extra: object) -> tuple[list[File], Files]:
        made = [
            File(path, config.docs_dir, config.site_dir, config.use_directory_urls)
            for path in PAGES
        ]
        for file in made:
            if kind is Page:
                Page(None, file, config)
            else:
                kind(file, config, **extra)
        return made, Files(made)

    plain, plain_files = files_of(Page)
    converter = Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )
    reused, reused_files = files_of(site_hook.ReusedConverterPage, converter=converter)
    expected = [rendered(file.page, config, plain_files) for file in plain]
    # Twice round: the second pass follows pages that left footnotes, ids and stashed HTML.
    for _ in range(2):
        got = [rendered(file.page, config, reused_files) for file in reused]
        assert got == expected
    assert "Сноска первой страницы" not in str(got[2][0])


def _body(source: str) -> str:
    """A function's code without its docstring, as a syntax tree (quotes and layout aside)."""
    body = ast.parse(textwrap.dedent(source)).body[0].body  # type: ignore[attr-defined]
    if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    return "\n".join(ast.dump(statement) for statement in body)


def test_render_is_mkdocs_own_but_for_the_reused_instance() -> None:
    """When MkDocs (or ProperDocs) changes ``Page.render``, copy it again into
    ``ReusedConverterPage.render`` and keep the two changes below."""
    theirs = textwrap.dedent(inspect.getsource(Page.render))
    changes = [
        (
            "md = markdown.Markdown(\n"
            "    extensions=config['markdown_extensions'],\n"
            "    extension_configs=config['mdx_configs'] or {},\n"
            ")",
            "md = self.converter\nmd.reset()",
        ),
        ("if log.getEffectiveLevel()", "if PAGES_LOG.getEffectiveLevel()"),
    ]
    for old, new in changes:
        indented_old = textwrap.indent(old, "    ")
        assert indented_old in theirs, f"MkDocs' Page.render no longer has:\n{old}"
        theirs = theirs.replace(indented_old, textwrap.indent(new, "    "))
    ours = inspect.getsource(site_hook.ReusedConverterPage.render)
    assert _body(theirs) == _body(ours)
