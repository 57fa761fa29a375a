"""Hashes that the build's thread takes without letting go of the GIL.

hashlib lets other threads run while it hashes 2 KB or more at once (``HASHLIB_GIL_MINSIZE``
in CPython), and from then on for every update of that hash object. During a build the
threads that talk to Pagefind and to the text-checking workers take the GIL each time, and
the build's thread waits for it back: at N = 5,000 hashing the author texts cost the build
5.6 s of waiting for 0.6 s of hashing. Fed in smaller pieces, a hash keeps the GIL.
"""

from __future__ import annotations

import hashlib
from typing import Protocol

_PIECE = 2047  # below HASHLIB_GIL_MINSIZE


class _Hash(Protocol):
    def update(self, data: bytes | memoryview, /) -> None: ...
    def digest(self) -> bytes: ...
    def hexdigest(self) -> str: ...


def _fed(hash_object: _Hash, data: bytes) -> _Hash:
    view = memoryview(data)
    for start in range(0, len(view), _PIECE):
        hash_object.update(view[start : start + _PIECE])
    return hash_object


def text_key(text: str) -> bytes:
    """A 16-byte BLAKE2b digest of ``text`` in UTF-8: the key of an author text."""
    return _fed(hashlib.blake2b(digest_size=16), text.encode("utf-8")).digest()


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of ``data`` in hexadecimal."""
    return _fed(hashlib.sha256(), data).hexdigest()
