"""One build of the site: validated content, the renderer and the build date together.

Hooks create it once per build (``on_config``) and read it in later events, so content is
loaded once, not once per page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from mentoring.content import Content, load_content
from mentoring.core.errors import Problems
from mentoring.core.incremental import BuildMemory
from mentoring.html.abbreviations import AbbreviationMarker
from mentoring.html.sanitize import Sanitizer
from mentoring.kinds.plan.progress import build_date
from mentoring.views.render import Renderer


@dataclass
class SiteBuild:
    content: Content
    renderer: Renderer
    abbreviations: AbbreviationMarker
    today: dt.date
    page_problems: Problems = field(default_factory=Problems)
    """Problems found while MkDocs renders pages; reported together once all are read."""
    hand_written_pages: set[str] = field(default_factory=set)
    """Pages under docs/, so that a generated page never silently replaces one of them."""

    @classmethod
    def load(
        cls,
        content_dir: Path,
        templates_dir: Path,
        *,
        use_directory_urls: bool = True,
        site_url: str | None = None,
        today: dt.date | None = None,
        docs_dir: Path | None = None,
        memory: BuildMemory | None = None,
        sanitizer: Sanitizer | None = None,
        check_later: bool = False,
    ) -> SiteBuild:
        """Load and validate content and the pages of ``docs_dir``; raises ContentError with
        every problem found (``check_later``: as ``load_content``'s)."""
        sanitizer = sanitizer or Sanitizer()  # shared: pages are checked against what was loaded
        content = load_content(
            content_dir,
            docs_dir=docs_dir,
            memory=memory,
            sanitizer=sanitizer,
            check_later=check_later,
        )
        today = today or build_date()
        renderer = Renderer(
            content,
            templates_dir,
            today,
            sanitizer=sanitizer,
            use_directory_urls=use_directory_urls,
            site_url=site_url,
            compiled_templates=memory.templates if memory is not None else None,
            page_inputs=memory.page_inputs() if memory is not None else None,
        )
        abbreviations = AbbreviationMarker(
            (term.abbr for term in content.glossary.terms), renderer.abbreviation
        )
        return cls(content, renderer, abbreviations, today)
