"""The per-second CPU timeline of a build (scripts/bench/cores.py) on the default site."""

from __future__ import annotations

from scripts.bench.cores import core_timeline, report
from tests.helpers import REPO


def test_the_timeline_shows_the_build_and_pagefind_and_no_workers_for_few_texts(tmp_path):
    samples = core_timeline(REPO, tmp_path / "site", interval=0.2)
    assert (tmp_path / "site" / "index.html").is_file()
    assert len(samples) >= 3
    assert sum(sample.build for sample in samples) > 0.5
    assert sum(sample.pagefind for sample in samples) > 0
    # The default site has fewer author texts than pay for worker processes.
    assert sum(sample.workers for sample in samples) == 0
    table = report(samples, cores=2, interval=0.2)
    assert table.splitlines()[:2] == [
        "| с | сборка | рабочие | Pagefind | простой |",
        "|---|---|---|---|---|",
    ]
    assert "Всего ЦП, с: сборка" in table.splitlines()[-1]
