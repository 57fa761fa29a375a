"""`python -m mentoring.publish deploy|rollback|check`: what `make deploy` and `make rollback` run.

Settings come from the environment (README.md, «Публикация на российский хостинг по SSH»);
`check` only validates them, so that `make deploy` stops before the build when a secret or
variable is missing. The exit status is 0 on success and 1 on any failure, after a Russian
message on stderr.
"""

from __future__ import annotations

import argparse
import os
import sys

from mentoring.publish.errors import PublishError
from mentoring.publish.releases import Publisher
from mentoring.publish.settings import from_environment
from mentoring.publish.ssh import Remote


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m mentoring.publish",
        description="Publish site/ to a host over SSH, roll back, or check the settings.",
    )
    parser.add_argument("command", choices=["deploy", "rollback", "check"])
    args = parser.parse_args(argv)
    try:
        settings = from_environment(os.environ, need_site=args.command != "rollback")
        if args.command == "check":
            return 0
        with Remote(settings) as remote:
            publisher = Publisher(settings, remote, log=lambda line: print(line, flush=True))
            if args.command == "deploy":
                publisher.deploy()
            else:
                publisher.rollback()
    except PublishError as error:
        print(f"Ошибка публикации. {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
