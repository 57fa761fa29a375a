"""The browser tests' loopback server: quiet when a browser hangs up, loud on a real error.

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
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import CLIENT_GONE, LoopbackServer, serve

CLIENT = ("127.0.0.1", 40000)


def _handling_requests() -> bool:
    return any("process_request_thread" in thread.name for thread in threading.enumerate())


def test_a_client_that_hangs_up_mid_download_leaves_no_traceback(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "big.bin").write_bytes(bytes(32 * 1024 * 1024))  # more than socket buffers

    with serve(tmp_path) as url:
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
