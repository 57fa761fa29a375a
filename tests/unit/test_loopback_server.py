"""The loopback server of the browser and deploy tests, the link check and the search
benchmark (scripts/loopback.py): quiet when a client hangs up, loud on a real error.

Chromium drops connections it no longer needs (a page closed mid-download, a prefetch
cancelled); socketserver would print each BrokenPipe or ConnectionReset traceback into
the test log, where it hides the tracebacks that matter.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from pathlib import Path
from urllib.error import URLError
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest

from scripts.loopback import CLIENT_GONE, LoopbackServer, served

CLIENT = ("127.0.0.1", 40000)


def _handling_requests() -> bool:
    return any("process_request_thread" in thread.name for thread in threading.enumerate())


def test_a_client_that_hangs_up_mid_download_leaves_no_traceback(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "big.bin").write_bytes(bytes(32 * 1024 * 1024))  # more than socket buffers

    with served(tmp_path) as url:
        address = urlsplit(url)
        with socket.create_connection((address.hostname, address.port)) as client:
            # Closing with linger 0 resets the connection, as a browser dropping it does.
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            client.sendall(b"GET /big.bin HTTP/1.1\r\nHost: localhost\r\n\r\n")
            assert client.recv(1024).startswith(b"HTTP/1.0 200")
        deadline = time.monotonic() + 10
        while _handling_requests() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _handling_requests(), "the server never noticed the client was gone"

    assert capfd.readouterr().err == ""


def reported(error: Exception, capsys: pytest.CaptureFixture[str]) -> str:
    """What the server prints when handling a request ends in ``error``."""
    server = LoopbackServer(("127.0.0.1", 0), lambda *_: None)
    try:
        try:
            raise error
        except type(error):
            server.handle_error(None, CLIENT)
    finally:
        server.server_close()
    return capsys.readouterr().err


@pytest.mark.parametrize("error", CLIENT_GONE)
def test_a_disconnect_is_not_reported(
    error: type[OSError], capsys: pytest.CaptureFixture[str]
) -> None:
    assert reported(error("the client is gone"), capsys) == ""


def test_a_real_error_is_still_reported_with_its_traceback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    printed = reported(ValueError("a bug in the handler"), capsys)

    assert "Exception occurred during processing of request from ('127.0.0.1', 40000)" in printed
    assert "ValueError: a bug in the handler" in printed


def test_files_are_served_with_the_types_browsers_need_and_no_log_line(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    names = ("app.mjs", "index.wasm", "search.json")
    for name in names:
        (tmp_path / name).write_bytes(b"{}")

    with served(tmp_path) as url:
        types = {name: urlopen(url + name).headers["Content-Type"] for name in names}

    assert types == {
        "app.mjs": "text/javascript",
        "index.wasm": "application/wasm",
        "search.json": "application/json",
    }
    assert capfd.readouterr().err == ""


def test_the_port_is_closed_when_the_block_ends(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<p>ok</p>", "utf-8")
    with served(tmp_path) as url:
        assert url.startswith("http://127.0.0.1:") and url.endswith("/")
        assert urlopen(url).read() == b"<p>ok</p>"

    with pytest.raises(URLError):
        urlopen(url, timeout=5)
