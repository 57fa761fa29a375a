"""The plan as files: /plan/plan.csv, /plan/plan.xlsx and /plan/plan.ics."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from mentoring.exports import CSV_FILE, ICS_FILE, XLSX_FILE, PlanExport


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = config["mentoring_build"]
    export = PlanExport(build.content, build.today, config.site_url or None)
    files.append(File.generated(config, CSV_FILE, content=export.csv_bytes()))
    files.append(File.generated(config, XLSX_FILE, content=export.xlsx_bytes()))
    files.append(File.generated(config, ICS_FILE, content=export.ics_bytes()))
    return files
