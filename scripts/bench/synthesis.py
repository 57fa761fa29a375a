"""Synthetic content for the benchmark: N practices and N news beside the real plan.

The same N gives the same files on every run. ``make_projects`` writes our project and the
baseline (plain Material with the same texts); the build tests use it too.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from mentoring.kinds.registry import navigation

REPO = Path(__file__).resolve().parents[2]
FIXED_EPOCH = "1764201600"  # 27.11.2025, the date the build tests use
LAST_DAY = dt.date(2025, 11, 20)  # synthetic entries are dated before the build date
SEED = 20251127
NO_SEARCH_CONFIG = "mkdocs-no-search.yml"  # the baseline without Material's search
OUR_PAGES = "our-pages"  # the baseline's MkDocs and theme on the Markdown our hooks make

SENTENCES = (
    "Наставник и наставляемый встречаются раз в неделю и обсуждают, что получилось и что нет.",
    "Куратор программы в ОО формирует пары с учётом запросов наставляемых и опыта наставников.",
    "Перед началом работы наставники проходят короткое обучение на базе ЦРО.",
    "Итоги каждого этапа обсуждаются на заседании ГМО, а лучшие решения включаются в план.",
    "Молодые педагоги посещают уроки наставников и разбирают их вместе после занятий.",
    "В конце года участники заполняют анкеты, и куратор сравнивает их с анкетами начала года.",
    "Практика опирается на методические рекомендации по внедрению ЦМН.",
    "Обучающиеся старших классов помогают младшим освоиться в новом коллективе.",
    "Для наставников организованы курсы ДПО и консультации методистов ЦРО.",
    "Работодатели знакомят обучающихся с профессией на экскурсиях и в совместных проектах.",
    "Каждая пара ведёт дневник встреч, в котором записывает цели и достигнутые результаты.",
    "Наставляемые выбирают тему проекта сами, а наставник помогает спланировать работу.",
    "Опыт практики представлен на муниципальном семинаре и в сборнике материалов.",
    "Программа рассчитана на учебный год и делится на три этапа: знакомство, работа, итоги.",
    "Встречи проходят после уроков в кабинете, который выделила администрация ОУ.",
    "Родители наставляемых знают о программе и дают согласие на участие детей.",
    "Результаты работы пар обсуждаются на педагогическом совете два раза в год.",
    "Наставники отмечают, что сами узнали много нового о современных методиках.",
    "Студенты колледжа проводят для школьников занятия по робототехнике и программированию.",
    "В программе участвуют педагоги со стажем работы до трёх лет и их наставники.",
    "Особое внимание уделяется адаптации молодых специалистов в первые месяцы работы.",
    "Куратор собирает обратную связь после каждой встречи и корректирует план.",
    "Для оценки результатов используются анкеты, наблюдение и портфолио наставляемых.",
    "Практика легко переносится в другие организации: нужны лишь куратор и время для встреч.",
)
TITLE_HEADS = (
    "Клуб", "Школа", "Мастерская", "Лаборатория", "Студия", "Программа", "Проект",
    "Площадка", "Сообщество", "Академия",
)  # fmt: skip
TITLE_TAILS = (
    "молодого педагога", "наставников-старшеклассников", "профессиональных проб",
    "успешного старта", "цифровых навыков", "педагогического роста", "равных возможностей",
    "юного исследователя", "взаимопомощи", "первых шагов", "открытых уроков",
    "проектной деятельности",
)  # fmt: skip
TAGS = (
    "адаптация", "молодые педагоги", "проектная деятельность", "профориентация",
    "одарённые дети", "цифровые навыки", "робототехника", "читательская грамотность",
    "функциональная грамотность", "инклюзия", "волонтёрство", "экология", "краеведение",
    "школьный театр", "спорт", "медиация", "развитие речи", "дошкольники", "студенты",
    "работодатели", "психологическая поддержка", "самоопределение", "STEM",
    "финансовая грамотность",
    "наставничество руководителей", "методическая работа", "конкурсы", "олимпиады",
    "семья", "здоровье", "исследования", "творчество", "техническое творчество",
    "лидерство", "командная работа", "социальные проекты", "медиа", "музей",
    "история", "иностранные языки",
)  # fmt: skip
RESULTS = (
    "все молодые педагоги прошли адаптацию и остались работать в организации",
    "наставляемые улучшили результаты по предметам",
    "пары подготовили совместные проекты и представили их на конференции",
    "наставники повысили квалификацию на курсах ДПО",
    "обучающиеся определились с выбором профиля обучения",
    "практика представлена на заседании ГМО",
)
KINDS = (
    ("школа", "Муниципальное общеобразовательное учреждение «Средняя школа № {k}»", "Школа № {k}"),
    ("детский сад", "Муниципальное дошкольное учреждение «Детский сад № {k}»", "Детский сад № {k}"),
    ("колледж", "Колледж № {k}", "Колледж № {k}"),
    ("организация дополнительного образования", "Дом творчества № {k}", "Дом творчества № {k}"),
    ("предприятие", "Предприятие № {k}", "Предприятие № {k}"),
)


def png_bytes(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A valid PNG of one colour, made without an imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        payload = kind + data
        return struct.pack(">I", len(data)) + payload + struct.pack(">I", zlib.crc32(payload))

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


@dataclass(frozen=True)
class RealContent:
    """What synthetic entries may refer to: ids that exist in the repository's content."""

    form_ids: tuple[str, ...]
    activity_ids: tuple[str, ...]
    organizations: list[dict[str, Any]]


def read_real_content() -> RealContent:
    from mentoring.content import load_content  # the project's own loader: ids stay valid

    content = load_content(REPO / "content")
    organizations_file = REPO / "content" / "organizations.yaml"
    organizations = []
    if organizations_file.is_file():
        organizations = yaml.safe_load(organizations_file.read_text("utf-8"))["organizations"]
    return RealContent(
        form_ids=tuple(form.id for form in content.forms),
        activity_ids=tuple(activity.id for activity in content.plan.activities),
        organizations=organizations,
    )


@dataclass
class Entry:
    """One synthetic entry: its files under content/ and the same text as a plain page."""

    files: dict[str, bytes] = field(default_factory=dict)
    plain_page: str = ""  # path under docs/ in the baseline
    plain_markdown: str = ""
    plain_assets: dict[str, bytes] = field(default_factory=dict)  # beside the plain page


class Synthesizer:
    """Deterministic realistic content: the same N gives the same files on every run."""

    def __init__(self, real: RealContent, n: int) -> None:
        self.real = real
        self.rng = random.Random(SEED + n)
        self.organization_ids = [f"bench-org-{k:03d}" for k in range(max(5, n // 25))]
        self.images = [png_bytes(320, 200, (40 + 9 * k, 80, 160)) for k in range(20)]

    def organizations_yaml(self) -> str:
        generated = []
        for index, org_id in enumerate(self.organization_ids):
            kind, name, short = KINDS[index % len(KINDS)]
            generated.append(
                {
                    "id": org_id,
                    "name": name.format(k=index + 1),
                    "short_name": short.format(k=index + 1),
                    "kind": kind,
                }
            )
        data = {"organizations": [*self.real.organizations, *generated]}
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.rng.choice(SENTENCES) for _ in range(sentences))

    def body(self, sections: Iterable[str], links: Iterable[str] = ()) -> str:
        rng = self.rng
        parts = []
        for heading in sections:
            parts.append(f"## {heading}")
            for _ in range(rng.randint(1, 3)):
                parts.append(self.paragraph(rng.randint(3, 6)))
            if rng.random() < 0.5:
                parts.append(
                    "\n".join(
                        f"- {lower_first(rng.choice(SENTENCES)[:-1])};"
                        for _ in range(rng.randint(3, 5))
                    )
                )
            if heading == "Результаты" and rng.random() < 0.4:
                start = rng.randint(20, 60)
                parts.append(
                    "| Показатель | Начало года | Конец года |\n|---|---|---|\n"
                    f"| Доля пар, достигших целей, % | {start} | {start + rng.randint(5, 30)} |\n"
                    f"| Число участников | {rng.randint(6, 40)} | {rng.randint(6, 40)} |"
                )
        parts.extend(links)
        return "\n\n".join(parts) + "\n"

    def date(self, first: dt.date) -> dt.date:
        return first + dt.timedelta(days=self.rng.randint(0, (LAST_DAY - first).days))

    def practice(self, index: int) -> Entry:
        rng = self.rng
        title = f"{rng.choice(TITLE_HEADS)} {rng.choice(TITLE_TAILS)} {index + 1}"
        folder_shape = index % 3 == 0
        name = f"bench-praktika-{index:05d}" if folder_shape else title
        forms = rng.sample(self.real.form_ids, rng.randint(1, min(3, len(self.real.form_ids))))
        fields = [
            f"title: {quoted(title)}",
            f"organization: {rng.choice(self.organization_ids)}",
            f"forms: [{', '.join(forms)}]",
            f"date: {self.date(dt.date(2019, 1, 1)).isoformat()}",
            f"summary: {quoted(self.paragraph(2)[:290])}",
        ]
        if rng.random() < 0.7:
            fields += [
                "authors:",
                f"  - name: {quoted(f'Автор{index} Имя Отчество')}",
                "    position: учитель",
                "    consent: true",
            ]
        fields.append("target_group: молодые педагоги и их наставники")
        fields.append("results:")
        fields += [f"  - {quoted(r)}" for r in rng.sample(RESULTS, rng.randint(1, 3))]
        fields.append(
            f"tags: [{', '.join(quoted(t) for t in rng.sample(TAGS, rng.randint(1, 4)))}]"
        )
        if rng.random() < 0.2 and self.real.activity_ids:
            fields.append(f"plan: [{quoted(rng.choice(self.real.activity_ids))}]")
        entry = Entry()
        links = []
        attachment = self.rng.randbytes(rng.randint(4, 16) * 1024)
        if folder_shape:
            base = f"practices/{name}"
            text_file = f"{base}/index.md"
            fields += [
                "attachments:",
                "  - file: programma.pdf",
                "    title: Программа наставничества",
                "cover: {file: oblozhka.png, alt: Обложка практики}",
            ]
            links.append("![Схема работы пар](skhema.png)")
            entry.files[f"{base}/programma.pdf"] = b"%PDF-1.4\n" + attachment
            entry.files[f"{base}/oblozhka.png"] = rng.choice(self.images)
            entry.files[f"{base}/skhema.png"] = rng.choice(self.images)
            entry.plain_assets = {"programma.pdf": entry.files[f"{base}/programma.pdf"]}
            entry.plain_assets["skhema.png"] = entry.files[f"{base}/skhema.png"]
        else:
            text_file = f"practices/{name}.md"
            if index % 3 == 1:
                file = f"prilozhenie-{index:05d}.pdf"
                fields += ["attachments:", f"  - file: {file}", "    title: Методические материалы"]
                links.append(f"Подробности — в [методических материалах]({file}).")
                entry.files[f"practices/{file}"] = b"%PDF-1.4\n" + attachment
                entry.plain_assets = {file: entry.files[f"practices/{file}"]}
        body = self.body(("Цель и задачи", "Описание", "Результаты", "Ресурсы"), links)
        entry.files[text_file] = ("---\n" + "\n".join(fields) + "\n---\n\n" + body).encode()
        entry.plain_page = f"practices/p{index:05d}/index.md"
        entry.plain_markdown = f"# {title}\n\n{body}"
        return entry

    def news(self, index: int) -> Entry:
        rng = self.rng
        date = self.date(dt.date(2020, 1, 1))
        event = rng.choice(("Семинар", "Совещание", "Конкурс", "Встреча"))
        title = f"{event} «{rng.choice(TITLE_HEADS)} {rng.choice(TITLE_TAILS)}»"
        summary = self.paragraph(2)[:480]
        fields = [f"title: {quoted(title)}", f"summary: {quoted(summary)}"]
        fields.append(
            f"tags: [{', '.join(quoted(t) for t in rng.sample(TAGS, rng.randint(1, 3)))}]"
        )
        if rng.random() < 0.3 and self.real.activity_ids:
            fields.append(f"plan: [{quoted(rng.choice(self.real.activity_ids))}]")
        entry = Entry()
        if rng.random() < 0.2:
            image = rng.randrange(len(self.images))
            fields.append(f"image: {{file: bench-{image:02d}.png, alt: Участники семинара}}")
            entry.files[f"news/images/bench-{image:02d}.png"] = self.images[image]
        body = self.body(("Как это было", "Что дальше"))
        text = "---\n" + "\n".join(fields) + "\n---\n\n" + body
        entry.files[f"news/{date.isoformat()}-novost-{index:05d}.md"] = text.encode()
        entry.plain_page = f"news/{date.year}/n{index:05d}.md"
        entry.plain_markdown = f"# {title}\n\n{summary}\n\n{body}"
        return entry


# --------------------------------------------------------------------------- projects


def load_mkdocs_yml() -> dict[str, Any]:
    """The real config as MkDocs reads it (!ENV resolved, the toc slugify function built)."""
    from mkdocs.utils.yaml import yaml_load

    with open(REPO / "mkdocs.yml", encoding="utf-8") as file:
        return yaml_load(file)


def write(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def make_projects(base: Path, n: int) -> tuple[Path, Path | None]:
    """Our project with N practices and N news, and the baseline (None for N = 0)."""
    ours = base / f"ours-{n}"
    shutil.copytree(REPO / "content", ours / "content")
    shutil.copytree(REPO / "docs", ours / "docs")
    config = load_mkdocs_yml()
    config["hooks"] = [str(REPO / hook) for hook in config["hooks"]]
    config["theme"]["custom_dir"] = str(REPO / config["theme"]["custom_dir"])
    (ours / "mkdocs.yml").write_text(yaml.dump(config, allow_unicode=True), "utf-8")
    if n == 0:
        return ours, None

    synthesizer = Synthesizer(read_real_content(), n)
    (ours / "content" / "organizations.yaml").write_text(synthesizer.organizations_yaml(), "utf-8")
    baseline = base / f"baseline-{n}"
    shutil.copytree(REPO / "docs", baseline / "docs")
    for index in range(n):
        for entry in (synthesizer.practice(index), synthesizer.news(index)):
            write(ours / "content", entry.files)
            page = baseline / "docs" / entry.plain_page
            write(page.parent, entry.plain_assets)
            write(page.parent, {page.name: entry.plain_markdown.encode()})
    plain = baseline_config(config)
    add_nav_stubs(plain["nav"], baseline / "docs")
    (baseline / "mkdocs.yml").write_text(yaml.dump(plain, allow_unicode=True), "utf-8")
    plain["plugins"] = []
    (baseline / NO_SEARCH_CONFIG).write_text(yaml.dump(plain, allow_unicode=True), "utf-8")
    return ours, baseline


def baseline_config(ours: dict[str, Any]) -> dict[str, Any]:
    """Plain Material with our theme settings and Markdown extensions, no hooks or assets.

    It keeps Material's default plugin, the built-in search (search_index.json, lunr in
    the browser), as any Material site has: our site has a search too (Pagefind). A copy
    without it (NO_SEARCH_CONFIG) is built once per N for comparison.
    """
    theme = {key: value for key, value in ours["theme"].items() if key != "custom_dir"}
    quiet = "info"  # hand-written pages link to generated pages the baseline does not have
    return {
        "site_name": ours["site_name"],
        "site_url": ours.get("site_url", ""),
        "docs_dir": "docs",
        "theme": theme,
        "plugins": ["search"],
        "markdown_extensions": ours["markdown_extensions"],
        "nav": navigation(ours.get("nav") or []),  # our site's nav: each kind's entry too
        "not_in_nav": "/practices/\n/news/\n",
        "validation": {
            "nav": {"omitted_files": quiet, "not_found": quiet},
            "links": {"not_found": quiet, "anchors": quiet, "unrecognized_links": quiet},
        },
    }


def add_nav_stubs(items: list[Any], docs: Path) -> None:
    """A one-line page for each nav entry that our hooks generate: the same nav, no hooks."""
    for item in items:
        title, target = next(iter(item.items())) if isinstance(item, dict) else (None, item)
        if isinstance(target, list):
            add_nav_stubs(target, docs)
        elif not (docs / target).is_file():
            write(docs, {target: f"# {title or target}\n".encode()})
