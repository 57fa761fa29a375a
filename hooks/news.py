"""News pages (/news/, /news/page/<n>/, /news/<год>/, /news/<год>/<адрес>/) and the Atom feed.

Only /news/ is in the navigation; archive and item pages are reached from the lists.
The feed needs absolute links, so it is written only when mkdocs.yml sets site_url.
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from mentoring.news import FEED_FILE, NEWS_PAGE

log = logging.getLogger("mkdocs.hooks.news")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = config["mentoring_build"]
    feed = build.renderer.news_feed(config.site_url) if config.site_url else None
    if feed is not None:
        files.append(File.generated(config, FEED_FILE, content=feed))
    elif build.content.news:
        log.info(
            "Лента новостей (news/feed.xml) не создана: в ней нужны полные адреса, "
            "а в mkdocs.yml не указан site_url — адрес опубликованного сайта."
        )
    for path, markdown in build.renderer.news_pages(with_feed=feed is not None).items():
        inclusion = InclusionLevel.UNDEFINED if path == NEWS_PAGE else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, path, content=markdown, inclusion=inclusion))
    images = dict.fromkeys(item.image.file for item in build.content.news if item.image)
    for image in images:  # an image shown by several items is copied once
        files.append(File.generated(config, image.target, abs_src_path=str(image.source)))
    return files
