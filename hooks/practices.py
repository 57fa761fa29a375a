"""The bank of practices (/practices/…) and the organisations (/organizations/…).

Entry, facet and organisation pages are generated as not-in-nav pages: the nav stays small
however many practices there are, and the index pages list them.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from mentoring.practice_pages import bank_files, bank_pages


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = config["mentoring_build"]
    for page in bank_pages(build.renderer):
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.path, content=page.markdown, inclusion=inclusion))
    for published in bank_files(build.content.bank):
        files.append(File.generated(config, published.target, abs_src_path=str(published.source)))
    return files
