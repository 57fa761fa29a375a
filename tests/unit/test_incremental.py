"""What a `make serve` session remembers between builds (mentoring/core/incremental.py)."""

from __future__ import annotations

from pathlib import Path

from mentoring.core.errors import Problems
from mentoring.core.incremental import BuildMemory
from mentoring.kinds.entries import load_entry, load_remembered

ENTRY_FOLDERS = ("practices",)


def project(tmp_path: Path) -> Path:
    for name, text in {
        "mkdocs.yml": "site_name: x\n",
        "content/site.yaml": "a: 1\n",
        "content/practices/one.md": "---\ntitle: Одна\n---\nТекст.\n",
        "docs/index.md": "# Главная\n",
        "templates/page.md.j2": "{{ x }}\n",
    }.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, "utf-8")
    return tmp_path


def after_a_good_build(root: Path) -> BuildMemory:
    memory = BuildMemory(ENTRY_FOLDERS)
    assert not memory.may_skip_unchanged_pages(root)  # nothing built yet
    memory.built([])
    return memory


def test_editing_an_entry_keeps_the_shared_inputs(tmp_path):
    root = project(tmp_path)
    memory = after_a_good_build(root)
    (root / "content/practices/one.md").write_text("---\ntitle: Другая\n---\n", "utf-8")
    assert memory.may_skip_unchanged_pages(root)


def test_a_shared_file_a_new_entry_or_a_failed_build_mean_a_full_build(tmp_path):
    root = project(tmp_path)
    for change in (
        lambda: (root / "content/site.yaml").write_text("a: 2\n", "utf-8"),
        lambda: (root / "templates/page.md.j2").write_text("{{ y }}\n", "utf-8"),
        lambda: (root / "docs/index.md").write_text("# Другая\n", "utf-8"),
        lambda: (root / "mkdocs.yml").write_text("site_name: y\n", "utf-8"),
        lambda: (root / "content/practices/two.md").write_text("---\n---\n", "utf-8"),
    ):
        memory = after_a_good_build(root)
        change()
        assert not memory.may_skip_unchanged_pages(root)
    memory = after_a_good_build(root)
    memory.failed()
    assert not memory.may_skip_unchanged_pages(root)


def test_an_entry_is_loaded_again_only_when_its_file_changed(tmp_path):
    file = project(tmp_path) / "content/practices/one.md"
    memory = BuildMemory(ENTRY_FOLDERS)
    loads = []

    def load(data: bytes, found: Problems) -> str:
        loads.append(data.decode("utf-8"))
        found.add("content/practices/one.md", 2, None, "сообщение")
        return loads[-1]

    for _ in range(2):
        problems = Problems()
        assert memory.load_entry(file, "content/practices/one.md", problems, load) == loads[0]
        assert [str(problem) for problem in problems] == ["content/practices/one.md:2: сообщение"]
    assert len(loads) == 1
    file.write_text("---\ntitle: Другая\n---\n", "utf-8")
    memory.load_entry(file, "content/practices/one.md", Problems(), load)
    assert len(loads) == 2


def test_a_remembered_entry_reads_as_a_plain_load_does(tmp_path):
    """The memory hands the loader the bytes it hashed; a byte-order mark and Windows line
    ends are read as ``Path.read_text`` reads them."""
    file = tmp_path / "formy.md"
    text = "---\ntitle: Формы\nsummary: Какие.\ndate: 2022-05-10\n---\nТекст.\n\n#### Пункт\n"
    file.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    path = "content/materials/formy.md"
    plain, remembered = Problems(), Problems()

    loaded = load_entry(file, path, "materials", plain)
    again = load_remembered(file, path, "materials", remembered, BuildMemory(("materials",)))

    assert loaded is not None and again == loaded
    assert loaded.body == "Текст.\n\n#### Пункт\n"
    assert [str(problem) for problem in remembered] == [str(problem) for problem in plain]
    assert [problem.line for problem in plain] == [8]  # the heading that skips a level


def test_a_checked_entry_is_remembered_while_it_its_inputs_and_files_stay(tmp_path):
    root = project(tmp_path)
    entry, attachment = root / "content/practices/one.md", root / "content/practices/a.pdf"
    attachment.write_bytes(b"%PDF-1")
    path = "content/practices/one.md"
    memory = BuildMemory(ENTRY_FOLDERS)
    checks: list[str] = []

    def checked(inputs: str, problem: str | None = None) -> list[Path] | None:
        def check(found: Problems) -> list[Path] | None:
            checks.append(inputs)
            if problem is not None:
                found.add(path, 3, None, problem)
                return None
            return [attachment]

        problems = Problems()
        result = memory.checked_entry(path, inputs, problems, check, lambda files: files)
        assert [problem.message for problem in problems] == ([problem] if problem else [])
        return result

    memory.load_entry(entry, path, Problems(), lambda data, found: data)
    assert checked("slug") == checked("slug") == [attachment]
    assert checks == ["slug"]
    checked("other slug")
    attachment.write_bytes(b"%PDF-1.7")  # the same entry, another file
    checked("other slug")
    assert checks == ["slug", "other slug", "other slug"]
    checked("bad slug", "сообщение")  # not remembered: found again every time
    checked("bad slug", "сообщение")
    assert checks[3:] == ["bad slug", "bad slug"]
