"""A folder served on 127.0.0.1 on a free port: for the browser and deploy tests, the link
check (scripts/validate_site.py) and the search benchmark (scripts/bench_search.py).

Browsers and LinkChecker drop connections they no longer need (a page closed mid-download,
a prefetch cancelled); socketserver would print each BrokenPipe or ConnectionReset
traceback, where it hides the tracebacks that matter. This server stays quiet about a
client that hung up and about each request; any other error still prints its traceback.
"""

from __future__ import annotations

import functools
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from socketserver import BaseRequestHandler
from typing import Any, ClassVar

LOOPBACK = "127.0.0.1"
# What the server meets when the client has closed the connection under it.
CLIENT_GONE = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)


class LoopbackServer(ThreadingHTTPServer):
    """A threading HTTP server that is quiet when a client hangs up."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], CLIENT_GONE):
            super().handle_error(request, client_address)


class QuietHandler(SimpleHTTPRequestHandler):
    """Static files with the types browsers insist on (modules, WebAssembly), without the
    platform's mime.types deciding; no log line per request."""

    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".json": "application/json",
        ".wasm": "application/wasm",
        ".svg": "image/svg+xml",
        ".webmanifest": "application/manifest+json",
        ".xml": "application/xml",
    }

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serving(handler: Callable[..., BaseRequestHandler]) -> Iterator[str]:
    """``handler`` answering on a free 127.0.0.1 port; yields the root address (with «/»)."""
    server = LoopbackServer((LOOPBACK, 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="loopback-server", daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield f"http://{host!s}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def served(
    folder: Path, handler: type[SimpleHTTPRequestHandler] = QuietHandler
) -> AbstractContextManager[str]:
    """``folder`` served by ``handler`` (a QuietHandler or a subclass) on a free 127.0.0.1
    port; yields the root address (with «/»)."""
    return serving(functools.partial(handler, directory=str(folder)))
