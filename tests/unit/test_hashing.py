"""Hashes fed in pieces (mentoring/core/hashing.py) are the hashes of the whole data."""

from __future__ import annotations

import hashlib

import pytest

from mentoring.core.hashing import sha256_hex, text_key


@pytest.mark.parametrize("length", [0, 1, 2046, 2047, 2048, 4094, 4095, 50_001])
def test_a_hash_fed_in_pieces_is_the_hash_of_the_whole(length: int) -> None:
    text = ("Наставник — 1. " * (length // 15 + 1))[:length]
    data = text.encode("utf-8")
    assert text_key(text) == hashlib.blake2b(data, digest_size=16).digest()
    assert sha256_hex(data) == hashlib.sha256(data).hexdigest()
    assert len({text_key(text), text_key(text + " ")}) == 2
