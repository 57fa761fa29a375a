"""The web editor at /admin/ (mentoring/editor): static files, outside the nav, the
sitemap and the search index, since they are not pages."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from mentoring.editor.site import EditorNotVendored, admin_files


def on_files(files: Files, config: MkDocsConfig) -> Files:
    try:
        generated = list(admin_files(config["mentoring_build"].renderer))
    except EditorNotVendored as error:
        raise PluginError(str(error)) from error
    for item in generated:
        if item.content is not None:
            files.append(File.generated(config, item.path, content=item.content))
        else:
            files.append(File.generated(config, item.path, abs_src_path=str(item.source)))
    return files
