"""Documents: fields, files with labels, grouping, and documents as evidence in the plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mentoring.content import load_content
from mentoring.kinds.documents import group_documents
from mentoring.kinds.models import Reference
from tests.helpers import content_problems

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

DOCUMENTS = """\
documents:
  - id: prikaz
    title: О рабочей группе
    kind: приказ
    level: муниципальный
    issuer: УО
    date: 2021-10-05
    number: 12/1-08
    file: prikaz.pdf
    plan: ["1.1.1"]
  - id: pismo
    title: О направлении рекомендаций
    kind: письмо
    level: федеральный
    issuer: Министерства
    date: 2021-12-21
    number: АЗ-1
  - id: rasporiazhenie
    title: О целевой модели
    kind: распоряжение
    level: федеральный
    issuer: Министерства
    date: 2019-12-25
    number: Р-1
    url: https://example.org/r-1
  - id: pismo-staroe
    title: Старое письмо
    kind: письмо
    level: федеральный
    issuer: Министерства
    date: 2020-01-23
  - id: plan
    title: Об утверждении плана
    kind: приказ
    level: муниципальный
    issuer: УО
    date: 2021-10-04
    number: "1"
    page: plan/index.md
"""


@pytest.fixture
def content_dir(content_dir: Path) -> Path:
    target = content_dir
    (target / "documents").mkdir()
    (target / "documents" / "prikaz.pdf").write_bytes(b"%PDF-1.4\n" + b"0" * 1_258_282)
    (target / "documents.yaml").write_text(DOCUMENTS, "utf-8")
    return target


def edit(content_dir: Path, file: str, old: str, new: str) -> None:
    path = content_dir / file
    text = path.read_text("utf-8")
    assert old in text, f"{file} no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_documents_load_with_file_labels_and_references(content_dir):
    content = load_content(content_dir)

    prikaz = content.documents[0]
    assert prikaz.file.label == "PDF, 1,2 МБ"
    assert prikaz.file.target == "documents/prikaz.pdf"
    assert prikaz.requisites == "Приказ УО от 05.10.2021 № 12/1-08"
    assert prikaz.citation == "Приказ УО от 05.10.2021 № 12/1-08 «О рабочей группе»"
    assert content.documents[3].citation == "Старое письмо"  # no number: the title alone
    assert content.references == (
        Reference(
            "1.1.1",
            "Документ",
            "Приказ УО от 05.10.2021 № 12/1-08 «О рабочей группе»",
            "documents.md#document-prikaz",
            dt.date(2021, 10, 5),
        ),
    )


def test_documents_are_grouped_by_level_and_kind_newest_first(content_dir):
    levels = group_documents(load_content(content_dir).documents)

    assert [
        (level.title, [(kind.title, [d.id for d in kind.documents]) for kind in level.kinds])
        for level in levels
    ] == [
        (
            "Федеральный уровень",
            [("Распоряжения", ["rasporiazhenie"]), ("Письма", ["pismo", "pismo-staroe"])],
        ),
        ("Муниципальный уровень", [("Приказы", ["prikaz", "plan"])]),
    ]


BAD_DOCUMENTS = {
    "unknown kind": (
        "kind: распоряжение",
        "kind: постановление",
        "content/documents.yaml:20: поле «kind»: недопустимое значение «постановление», "
        "допустимые значения: приказ, распоряжение, письмо, положение, план, методические "
        "рекомендации, шаблон, аналитическая справка, презентация; возможно, имелось в виду "
        "«положение»",
    ),
    "level misspelt": (
        "level: федеральный\n    issuer: Министерства\n    date: 2019",
        "level: федеральная\n    issuer: Министерства\n    date: 2019",
        "content/documents.yaml:21: поле «level»: недопустимое значение «федеральная», "
        "допустимые значения: федеральный, региональный, муниципальный, образовательная "
        "организация; возможно, имелось в виду «федеральный»",
    ),
    "file and url": (
        "    file: prikaz.pdf\n",
        "    file: prikaz.pdf\n    url: https://example.org/p\n",
        "content/documents.yaml:2: поле «documents»: у документа может быть только одно из полей "
        "file, url и page: файл, внешняя ссылка или страница этого сайта",
    ),
    "missing file": (
        "file: prikaz.pdf",
        "file: prikaz-2021.pdf",
        "content/documents.yaml:9: поле «file»: файла content/documents/prikaz-2021.pdf нет; "
        "положите файл в папку content/documents/ или исправьте имя (большие и маленькие буквы "
        "различаются)",
    ),
    "file of another type": (
        "file: prikaz.pdf",
        "file: prikaz.rtf",
        "content/documents.yaml:9: поле «file»: тип файла «.rtf» не подходит; допустимые типы: "
        "pdf, doc, docx, odt, xls, xlsx, ods, ppt, pptx, odp, jpg, png; сохраните файл в одном "
        "из них",
    ),
    "duplicate id": (
        "id: pismo-staroe",
        "id: pismo",
        "content/documents.yaml:26: поле «id»: документ «pismo» уже описан в строке 11; "
        "у каждого документа свой id",
    ),
    "unknown plan activity": (
        'plan: ["1.1.1"]',
        'plan: ["1.1.2"]',
        "content/documents.yaml:10: поле «plan»: в плане нет мероприятия «1.1.2»; возможно, "
        'имелось в виду «1.1.1»; номера мероприятий — в content/plan.yaml, например "5.2"',
    ),
    "date that does not exist": (
        "date: 2021-12-21",
        "date: 2021-12-32",
        "content/documents.yaml:16: поле «date»: такой даты нет: «2021-12-32»",
    ),
    "date in Russian order": (
        "date: 2021-12-21",
        "date: 21.12.2021",
        "content/documents.yaml:16: поле «date»: ожидается дата в виде ГГГГ-ММ-ДД, "
        "например 2021-10-04",
    ),
    "missing issuer": (
        "    issuer: УО\n    date: 2021-10-05\n",
        "    date: 2021-10-05\n",
        "content/documents.yaml:2: поле «issuer»: обязательное поле не заполнено",
    ),
}


@pytest.mark.parametrize("case", BAD_DOCUMENTS, ids=list(BAD_DOCUMENTS))
def test_document_mistakes(content_dir, case):
    old, new, expected = BAD_DOCUMENTS[case]
    edit(content_dir, "documents.yaml", old, new)

    assert content_problems(content_dir) == [expected]


def add_evidence(content_dir: Path, evidence: str) -> None:
    edit(
        content_dir,
        "plan.yaml",
        "responsible: [ЦРО]",
        f"responsible: [ЦРО]\n        status: done\n        evidence:\n          - {evidence}",
    )


def test_a_document_is_evidence_in_the_plan(content_dir):
    add_evidence(content_dir, "{document: rasporiazhenie}")

    [evidence] = load_content(content_dir).plan.activity("2.1").evidence

    assert (evidence.document, evidence.title, evidence.line) == ("rasporiazhenie", None, 29)


BAD_EVIDENCE = {
    "unknown document": (
        "{document: rasporyazhenie}",
        "content/plan.yaml:29: поле «document»: в documents.yaml нет документа «rasporyazhenie»; "
        "возможно, имелось в виду «rasporiazhenie»; укажите id документа из "
        "content/documents.yaml",
    ),
    "document with its own title": (
        "{document: pismo, title: Письмо}",
        "content/plan.yaml:29: поле «evidence»: название и ссылку документа (document) сайт "
        "берёт из content/documents.yaml: уберите у этого подтверждения поля title, page и url",
    ),
    "neither title nor document": (
        "{page: index.md}",
        "content/plan.yaml:29: поле «evidence»: укажите название подтверждения (title) "
        "или документ из content/documents.yaml (document)",
    ),
}


@pytest.mark.parametrize("case", BAD_EVIDENCE, ids=list(BAD_EVIDENCE))
def test_evidence_mistakes(content_dir, case):
    evidence, expected = BAD_EVIDENCE[case]
    add_evidence(content_dir, evidence)

    assert content_problems(content_dir) == [expected]


def test_a_document_is_not_listed_twice_for_one_activity(content_dir):
    edit(content_dir, "documents.yaml", "    url: https://example.org/r-1\n", "")
    edit(content_dir, "documents.yaml", "    number: Р-1\n", '    number: Р-1\n    plan: ["2.1"]\n')
    add_evidence(content_dir, "{document: rasporiazhenie}")

    assert content_problems(content_dir) == [
        "content/plan.yaml:29: поле «document»: документ «rasporiazhenie» уже ссылается на "
        "мероприятие 2.1 полем plan в content/documents.yaml; оставьте одну из ссылок, чтобы "
        "документ не был указан в плане дважды"
    ]


def test_a_broken_documents_file_does_not_make_evidence_unknown(content_dir):
    edit(content_dir, "documents.yaml", "kind: распоряжение", "kind: закон")
    add_evidence(content_dir, "{document: rasporiazhenie}")

    assert [line.split(":")[0] for line in content_problems(content_dir)] == [
        "content/documents.yaml"
    ]


def test_pages_of_documents_must_exist(content_dir):
    edit(content_dir, "documents.yaml", "page: plan/index.md", "page: plan/old.md")
    content = load_content(content_dir)

    found = content.check_page_references(lambda path: path == "plan/index.md")

    assert [str(problem) for problem in found] == [
        "content/documents.yaml:39: поле «page»: страницы «plan/old.md» нет на сайте; укажите "
        "путь к Markdown-файлу от папки docs (например, plan/index.md)"
    ]


def test_the_documents_file_is_optional(content_dir):
    (content_dir / "documents.yaml").unlink()

    assert load_content(content_dir).documents == ()
