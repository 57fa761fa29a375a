"""The editor's configuration against the schemas: every field of every schema is in the
editor with the same constraints, nothing else is, and the whole config is valid for
Sveltia CMS (its own JSON schema, vendored with it)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from mentoring.core.errors import Problems
from mentoring.core.schema import load_schema
from mentoring.editor.collections import COLLECTIONS, CollectionSettings
from mentoring.editor.config import ENTRY_NAME, PASSED_THROUGH, editor_config
from mentoring.editor.vendor import VENDOR_DIR, is_current
from mentoring.kinds.newentry import create_event
from mentoring.kinds.practices.bank import find_entries

CHOICES = {"plan_activities": [("5.2", "5.2 — Организация конкурсов")]}
CONFIG = editor_config("owner/name", CHOICES)
# Values of several shapes (a schedule is a word or one of three objects): the editor keeps
# them as they are in the file; they are shown in the plan, not edited through the editor.
UNIONS = {"directions.activities.schedule", "directions.sections.activities.schedule"}


def _deref(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = {**root["$defs"][name], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _fields_of(collection: dict[str, Any]) -> list[dict[str, Any]]:
    return collection["files"][0]["fields"] if "files" in collection else collection["fields"]


def _compare(
    schema: dict[str, Any],
    root: dict[str, Any],
    fields: list[dict[str, Any]],
    path: str,
    settings: CollectionSettings,
    passed: set[str],
) -> None:
    by_name = {f["name"]: f for f in fields if not (path == "" and f["name"] == "body")}
    assert list(by_name) == list(schema["properties"]), f"{settings.name}.{path}: field order"
    required = set(schema.get("required", ()))
    for name, raw in schema["properties"].items():
        node = _deref(raw, root)
        field = by_name[name]
        where = f"{path}.{name}".lstrip(".")
        if field["widget"] == PASSED_THROUGH:
            passed.add(where)
            continue
        stricter = settings.fields.get(where)
        assert field["required"] == (name in required or bool(stricter and stricter.require)), where
        assert field["label"] and field.get("hint") == node.get("description"), where
        _compare_value(node, root, field, where, settings, passed)


def _compare_value(node, root, field, where, settings, passed) -> None:
    kind = node.get("type")
    if kind == "array":
        assert (field.get("min"), field.get("max")) == (
            node.get("minItems"),
            node.get("maxItems"),
        ), where
        items = _deref(node["items"], root)
        if field["widget"] in ("relation", "select"):
            assert field["multiple"] is True, where
            return
        assert field["widget"] == "list", where
        if items.get("type") == "object":
            _compare(items, root, field["fields"], where, settings, passed)
        else:
            _compare_value(items, root, field["field"], where, settings, passed)
        return
    if kind == "object":
        assert field["widget"] == "object", where
        _compare(node, root, field["fields"], where, settings, passed)
        return
    if "enum" in node:
        assert [o["value"] for o in field["options"]] == node["enum"], where
        assert field.get("multiple") is None, where
        return
    if field["widget"] in ("relation", "select", "file", "image"):
        assert kind == "string" and field.get("multiple") is None, where
        return
    if kind == "boolean":
        assert field["widget"] == "boolean", where
        return
    if kind == "integer":
        assert field["widget"] == "number" and field["value_type"] == "int", where
        assert (field.get("min"), field.get("max")) == (node.get("minimum"), node.get("maximum"))
        return
    strings = [node] if kind == "string" else [_deref(v, root) for v in node.get("anyOf", [])]
    string = next(v for v in strings if v.get("type") == "string")
    assert field["widget"] in ("string", "text", "datetime"), where
    assert field.get("minlength") == string.get("minLength"), where
    assert field.get("maxlength") == string.get("maxLength"), where
    if "pattern" in string:
        message = node.get("errorMessage") or string.get("errorMessage")
        assert field["pattern"][0] == string["pattern"], where
        assert message is None or field["pattern"][1] == message, where
    else:
        assert "pattern" not in field, where


@pytest.mark.parametrize("settings", COLLECTIONS, ids=lambda s: s.name)
def test_every_schema_field_is_in_the_editor_with_its_constraints(settings) -> None:
    schema = load_schema(settings.schema)
    collection = next(c for c in CONFIG["collections"] if c["name"] == settings.name)
    passed: set[str] = set()
    _compare(schema, schema, _fields_of(collection), "", settings, passed)
    assert passed <= UNIONS, passed


def test_every_schema_has_a_collection() -> None:
    from importlib import resources

    shipped = {
        p.name.removesuffix(".schema.json")
        for p in resources.files("mentoring.schemas").iterdir()
        if p.name.endswith(".schema.json")
    }
    assert shipped == {s.schema for s in COLLECTIONS}


def test_folder_entries_have_a_required_checked_slug() -> None:
    for collection in CONFIG["collections"]:
        if "folder" in collection:
            slug = next(f for f in collection["fields"] if f["name"] == "slug")
            assert slug["required"] is True and slug["pattern"][0] == "^[a-z0-9]+(-[a-z0-9]+)*$"
            assert collection["slug"] == "{{fields.slug}}"


def test_config_is_valid_for_sveltia() -> None:
    assert is_current(), "make editor-vendor"
    schema = json.loads((VENDOR_DIR / "schema" / "sveltia-cms.json").read_text("utf-8"))
    jsonschema.validate(CONFIG, schema)


def test_a_changed_constraint_is_caught() -> None:
    """The parity check fails when the editor loses a constraint of the schema."""
    settings = COLLECTIONS[0]
    schema = load_schema(settings.schema)
    fields = json.loads(json.dumps(_fields_of(CONFIG["collections"][0])))
    next(f for f in fields if f["name"] == "summary")["maxlength"] = 3000
    with pytest.raises(AssertionError):
        _compare(schema, schema, fields, "", settings, set())


def test_the_editor_never_saves_to_main_and_reaches_no_stock_photos() -> None:
    assert CONFIG["backend"]["branch"] != "main"
    assert "publish_mode" not in CONFIG  # unsupported by Sveltia 0.221: it would mislead
    assert CONFIG["media_libraries"]["stock_assets"]["providers"] == []


def test_the_editors_entry_filter_skips_what_the_loader_skips(tmp_path: Path) -> None:
    """The editor lists as entries of a folder exactly the files the loader reads: not the
    README, not the names that start with «_» or «.» (its filter is on the entry's name)."""
    names = ["README.md", "readme.md", "_chernovik.md", ".skrytyi.md", "klub.md", "Клуб.md"]
    names += ["readme-shkoly.md", "_papka/index.md", "papka/index.md"]
    for name in names:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("---\ntitle: x\n---\n", "utf-8")
    read = {entry.name for entry in find_entries(tmp_path, "content/practices", Problems())}
    filters = {c["filter"]["pattern"] for c in CONFIG["collections"] if "filter" in c}
    assert filters == {f"/{ENTRY_NAME}/i"}
    listed = {
        name.split("/")[0].removesuffix(".md")
        for name in names
        if re.match(ENTRY_NAME, name.split("/")[0].removesuffix(".md"), re.IGNORECASE)
    }
    assert listed == read == {"klub", "Клуб", "readme-shkoly", "papka"}


def test_the_authors_guide_names_every_collection() -> None:
    guide = Path(__file__).resolve().parents[2] / "docs/guide/editor.md"
    text = " ".join(guide.read_text("utf-8").split())
    assert [s.label for s in COLLECTIONS if f"«{s.label}»" not in text] == []


# The template tags of a file name that the test below knows how Sveltia fills: the entry's
# slug, and a field's value through date() (dayjs formats; only these tokens are used).
_TAG = re.compile(r"\{\{(slug|fields\.(\w+) \| date\('([YMD-]+)'\))\}\}")
_DAYJS_TOKENS = {"YYYY": "%Y", "MM": "%m", "DD": "%d"}


def _file_name(template: str, slug: str, values: dict[str, str]) -> str:
    def fill(tag: re.Match[str]) -> str:
        if tag[1] == "slug":
            return slug
        moment = dt.datetime.strptime(values[tag[2]], "%Y-%m-%d %H:%M")
        return moment.strftime(re.sub("YYYY|MM|DD", lambda t: _DAYJS_TOKENS[t[0]], tag[3]))

    name = _TAG.sub(fill, template)
    assert "{{" not in name, f"a tag this test does not know: {template}"
    return name


def test_the_editor_names_an_event_after_its_day_as_make_event_does(tmp_path: Path) -> None:
    events = next(c for c in CONFIG["collections"] if c["name"] == "events")
    start = next(f for f in events["fields"] if f["name"] == "start")
    assert start["required"] is True  # the name is never made from an empty date
    assert start["pattern"][0] == r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$"
    made = create_event(tmp_path, "Семинар кураторов", dt.date(2026, 12, 10), [])
    from_editor = _file_name(events["path"], "seminar-kuratorov", {"start": "2026-12-10 15:00"})
    assert f"{from_editor}.md" == made.name == "2026-12-10-seminar-kuratorov.md"
