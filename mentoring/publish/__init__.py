"""Publishing the built site to a host over SSH: atomic releases, checks and rollback.

The pipeline follows the folder: `settings` (environment → typed settings, all problems
at once), `manifest` (what was built: paths and SHA-256), `ssh` (the system ssh/rsync with
a pinned host key, errors turned into Russian advice) and `releases` (upload into a fresh
folder, verify, switch the live symlink by one rename, prune, roll back).

Layout on the host, under DEPLOY_PATH::

    releases/20261130T061500123456Z/   one verified copy of site/ per deploy
    releases/.incoming-<id>/           an upload in progress (never served)
    current -> releases/<id>           the live version: the web server serves this link

No MkDocs import here: the site is built before and read as plain files.
"""

from mentoring.publish.errors import PublishError

__all__ = ["PublishError"]
