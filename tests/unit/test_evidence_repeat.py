"""A news item whose ``plan`` names an activity is already its evidence: naming the same
page in the activity's ``evidence`` would list it twice under «Исполнение»."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mentoring.content import load_content
from mentoring.core.errors import ContentError
from tests.helpers import SNAPSHOT_CONTENT

ACTIVITY_2_1 = '        responsible: [ЦРО]\n      - id: "2.2"'


def test_evidence_repeating_a_news_items_plan_is_refused(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(SNAPSHOT_CONTENT, content)
    plan = content / "plan.yaml"
    text = plan.read_text("utf-8")
    assert text.count(ACTIVITY_2_1) == 1
    evidence = (
        "        responsible: [ЦРО]\n"
        "        evidence:\n"
        "          - title: Семинар\n"
        "            page: news/2021/obrazets-novosti-o-seminare.md\n"
        '      - id: "2.2"'
    )
    text = text.replace(ACTIVITY_2_1, evidence)
    plan.write_text(text, "utf-8")
    line = text[: text.index("page: news/2021/")].count("\n") + 1

    with pytest.raises(ContentError) as caught:
        load_content(content)

    assert [str(problem) for problem in caught.value.problems] == [
        f"content/plan.yaml:{line}: поле «page»: новость «Образец новости: методический "
        "семинар для специалистов программ наставничества» уже подтверждает мероприятие "
        "2.1: в поле plan этой записи указано «2.1»; удалите строку evidence, чтобы запись "
        "не была показана дважды"
    ]
