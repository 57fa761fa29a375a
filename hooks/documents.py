"""The documents page (/documents/) and the document files, copied into the site."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from mentoring.documents import DOCUMENTS_PAGE


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = config["mentoring_build"]
    files.append(File.generated(config, DOCUMENTS_PAGE, content=build.renderer.documents_page()))
    for document in build.content.documents:
        if document.file:
            published = document.file
            files.append(
                File.generated(config, published.target, abs_src_path=str(published.source))
            )
    return files
