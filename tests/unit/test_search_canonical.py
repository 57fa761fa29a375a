"""Pagefind's filter files rewritten in sorted order (mentoring/search/canonical.py)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from mentoring.search.canonical import SIGNATURE, _encode, canonical_filters


def write_packed(path: Path, value: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(SIGNATURE + _encode(value)))


def read_packed(path: Path) -> bytes:
    return gzip.decompress(path.read_bytes())


def bundle_of(tmp_path: Path, filters: dict[str, list]) -> Path:
    """A bundle as Pagefind 1.5 writes it: filters listed and valued in any order."""
    bundle = tmp_path / "pagefind"
    listed = []
    for number, (name, values) in enumerate(filters.items()):
        write_packed(bundle / "filter" / f"ru_{number}.pf_filter", [name, values])
        listed.append([name, f"ru_{number}"])
    meta = ["1.5.2", [["ru_page", 12, ""]], [["a", "я", "ru_words"]], listed, [], ["title"]]
    write_packed(bundle / "pagefind.ru_meta.pf_meta", meta)
    entry = {"version": "1.5.2", "languages": {"ru": {"hash": "ru_meta", "page_count": 1}}}
    (bundle / "pagefind-entry.json").write_text(json.dumps(entry, separators=(",", ":")))
    return bundle


def contents(bundle: Path) -> dict[str, bytes]:
    return {
        p.relative_to(bundle).as_posix(): p.read_bytes() for p in bundle.rglob("*") if p.is_file()
    }


def test_filters_in_any_order_give_the_same_files(tmp_path: Path) -> None:
    tags = [["семинар", [3]], ["адаптация", [0, 2]], ["конкурс", [1]]]
    one = bundle_of(tmp_path / "one", {"tag": tags, "form": [["b", [1]], ["a", [0]]]})
    other = bundle_of(tmp_path / "other", {"form": [["a", [0]], ["b", [1]]], "tag": tags[::-1]})

    assert canonical_filters(one) and canonical_filters(other)

    assert contents(one) == contents(other)
    entry = json.loads((one / "pagefind-entry.json").read_text())
    meta = read_packed(one / f"pagefind.{entry['languages']['ru']['hash']}.pf_meta")
    assert meta.index(b"form") < meta.index(b"tag")
    filters = sorted((one / "filter").iterdir())
    assert len(filters) == 2 and not (one / "filter" / "ru_0.pf_filter").exists()
    tag_file = next(read_packed(f) for f in filters if b"tag" in read_packed(f))
    words = [w.encode() for w in ("адаптация", "конкурс", "семинар")]
    assert [tag_file.index(word) for word in words] == sorted(tag_file.index(w) for w in words)


def test_a_bundle_in_an_unknown_form_is_left_as_it_is(tmp_path: Path) -> None:
    bundle = bundle_of(tmp_path, {"tag": [["b", [1]], ["a", [0]]]})
    meta = bundle / "pagefind.ru_meta.pf_meta"
    meta.write_bytes(gzip.compress(SIGNATURE + b"\xa1\x61a\x01"))  # a CBOR map: not Pagefind's
    before = contents(bundle)

    assert not canonical_filters(bundle)

    assert contents(bundle) == before
