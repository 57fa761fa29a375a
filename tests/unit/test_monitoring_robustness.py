"""Any valid indicators file renders: no traceback, well-formed SVG, every figure shown.

Broken files are covered by tests/unit/test_robustness.py (indicators.yaml is among its
files); here Hypothesis writes files that pass validation, with odd but legal figures
(gaps, zeros, huge counts, one year, many years), and the page must still render.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentoring.content import load_content
from mentoring.kinds.indicators import BREAKDOWN_KEYS, INDICATORS, format_value
from mentoring.views.render import Renderer

REPO = Path(__file__).resolve().parents[2]
MINIMAL = REPO / "tests" / "fixtures" / "minimal" / "content"

counts = st.one_of(st.integers(0, 3), st.integers(0, 10**9))
shares = st.one_of(st.integers(0, 100), st.sampled_from(["0", "100", "99,9", "0.001", "42.5"]))


def figures_of(keys):
    return st.fixed_dictionaries(
        {},
        optional={
            key: shares if key.endswith(("supported", "involved")) else counts for key in keys
        },
    )


breakdown = st.lists(
    st.tuples(
        st.sampled_from(["Школа А", "Школа Б", "<b>Школа</b> & Ко"]), figures_of(BREAKDOWN_KEYS)
    ),
    max_size=3,
    unique_by=lambda item: item[0],
)
years = st.lists(
    st.tuples(st.integers(2015, 2035), figures_of([i.key for i in INDICATORS]), breakdown),
    min_size=1,
    max_size=9,
    unique_by=lambda item: item[0],
)
targets = st.lists(
    st.fixed_dictionaries(
        {
            "indicator": st.sampled_from([i.key for i in INDICATORS]),
            "value": st.integers(0, 100),
            "source": st.just("Источник"),
        },
        optional={"by": st.integers(2020, 2030), "verified": st.booleans()},
    ),
    max_size=3,
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(years=years, targets=targets, sample=st.booleans())
def test_valid_indicators_always_render(tmp_path, years, targets, sample):
    content_dir = tmp_path / "content"
    if content_dir.exists():
        shutil.rmtree(content_dir)
    shutil.copytree(MINIMAL, content_dir)
    data = {
        "sample": sample,
        "years": [
            {
                "year": f"{start}/{start + 1}",
                **values,
                "by_organization": [{"organization": name, **counts} for name, counts in rows],
            }
            for start, values, rows in years
        ],
        "targets": targets,
    }
    (content_dir / "indicators.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    content = load_content(content_dir)
    html = Renderer(content, REPO / "templates", dt.date(2023, 6, 1)).monitoring_page()
    drawn = []
    for svg in re.findall(r"<svg\b.*?</svg>", html, re.S):
        root = ET.fromstring(svg)
        drawn += ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    for indicator in content.indicators.shown():
        for figures in content.indicators.years:
            if indicator.key in figures.values:
                assert format_value(indicator, figures.values[indicator.key]) in drawn
