"""Offline checks of the preview workflows and of publish.yml's content path (issue 13).

Each workflow is validated against the GitHub workflow schema (as in test_workflow.py), then
against rules: the half that runs pull request code cannot write anything; the half that
publishes runs only for branches of this repository and never checks out the pull request;
a content-only change skips the unit tests but not the checks authors need.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.unit.test_workflow import load_workflow, schema_errors

WORKFLOWS = Path(__file__).resolve().parents[2] / ".github" / "workflows"
CONTENT_ONLY = "steps.changes.outputs.content_only == 'true'"
NOT_CONTENT_ONLY = "steps.changes.outputs.content_only != 'true'"

Workflow = dict[str, Any]


def steps(workflow: Workflow, job: str) -> list[dict[str, Any]]:
    return workflow["jobs"][job]["steps"]


def runs(step: dict[str, Any]) -> str:
    return str(step.get("run", ""))


def uses(step: dict[str, Any], action: str) -> bool:
    return str(step.get("uses", "")).split("@")[0] == action


def grants_write(permissions: Any) -> bool:
    return not isinstance(permissions, dict) or "write" in permissions.values()


# --------------------------------------------------------------------------- rules


def rule_preview_builds_the_head_read_only(wf: Workflow) -> list[str]:
    problems = []
    if set(wf.get("on") or {}) != {"pull_request"}:
        problems.append("preview.yml must run on pull_request only")
    if wf.get("permissions") != {"contents": "read"}:
        problems.append("preview.yml must have `contents: read` only")
    for name, job in wf["jobs"].items():
        if "permissions" in job and grants_write(job["permissions"]):
            problems.append(f"job {name} runs pull request code and must not write")
    job_steps = steps(wf, "preview")
    checkout = next((s for s in job_steps if uses(s, "actions/checkout")), {})
    if (checkout.get("with") or {}).get("ref") != "${{ github.event.pull_request.head.sha }}":
        problems.append("the preview must be built from the pull request's head")
    if not any(runs(s).strip() == "make check" for s in job_steps):
        problems.append("the preview job must run `make check` (annotations)")
    if not any("python -m mentoring.publish.sitediff" in runs(s) for s in job_steps):
        problems.append(
            "the preview job must list the changed pages with mentoring.publish.sitediff"
        )
    if not any("GITHUB_STEP_SUMMARY" in runs(s) for s in job_steps):
        problems.append("the list of changed pages must go to the job summary")
    upload = next((s for s in job_steps if uses(s, "actions/upload-artifact")), {})
    kept = str((upload.get("with") or {}).get("path", "")).split()
    if not {"site", "preview-summary.md", "pr-number.txt"} <= set(kept):
        problems.append("the site, the summary and the number must be kept as an artifact")
    return problems


def rule_publishing_is_trusted_and_same_repository(wf: Workflow) -> list[str]:
    problems = []
    trigger = (wf.get("on") or {}).get("workflow_run") or {}
    if set(wf.get("on") or {}) != {"workflow_run"} or trigger.get("workflows") != ["Preview"]:
        problems.append("preview-deploy.yml must run on workflow_run of Preview only")
    if wf.get("permissions") != {"contents": "read"}:
        problems.append("preview-deploy.yml must have `contents: read` at the top")
    job = wf["jobs"]["publish-preview"]
    condition = " ".join(str(job.get("if", "")).split())
    for part in (
        "github.event.workflow_run.event == 'pull_request'",
        "github.event.workflow_run.conclusion == 'success'",
        "github.event.workflow_run.head_repository.full_name == github.repository",
    ):
        if part not in condition or "||" in condition:
            problems.append(f"publishing must require {part}")
    for step in job["steps"]:
        if uses(step, "actions/checkout") and (step.get("with") or {}).get("ref"):
            problems.append("publishing must never check out the pull request's code")
    concurrency = job.get("concurrency") or {}
    if concurrency != {"group": "pages", "cancel-in-progress": False}:
        problems.append("publishing must share the `pages` group with publish.yml, not cancel")
    if (job.get("environment") or {}).get("name") != "github-pages":
        problems.append("publishing must use the github-pages environment")
    if not any(uses(s, "actions/deploy-pages") for s in job["steps"]):
        problems.append("publishing must deploy with actions/deploy-pages")
    if not any(
        "gh pr comment" in runs(s) and "preview-summary.md" in runs(s) for s in job["steps"]
    ):
        problems.append("publishing must comment the summary on the pull request")
    return problems


def rule_content_path(wf: Workflow) -> list[str]:
    problems = []
    job_steps = steps(wf, "test")
    by_run = {runs(s).strip(): s for s in job_steps}
    if "scripts/content_only.py" not in " ".join(runs(s) for s in job_steps):
        problems.append("the test job must decide the path with scripts/content_only.py")
    if by_run.get("make test", {}).get("if") != NOT_CONTENT_ONLY:
        problems.append("`make test` must run for every change but a content-only one")
    for command in ("make check", "make validate"):
        if by_run.get(command, {}).get("if") != CONTENT_ONLY:
            problems.append(f"`{command}` must run on the content path")
    if "if" in by_run.get("make build", {"if": "missing"}):
        problems.append("`make build` must run on both paths")
    accessibility = [s for s in job_steps if "tests/browser/test_changed_pages.py" in runs(s)]
    if [s.get("if") for s in accessibility] != [CONTENT_ONLY]:
        problems.append("the content path must check the accessibility of the changed pages")
    return problems


RULES: dict[str, tuple[str, Callable[[Workflow], list[str]]]] = {
    "preview": ("preview.yml", rule_preview_builds_the_head_read_only),
    "publishing": ("preview-deploy.yml", rule_publishing_is_trusted_and_same_repository),
    "content_path": ("publish.yml", rule_content_path),
}


# --------------------------------------------------------------------------- tests


@pytest.mark.parametrize("name", ["preview.yml", "preview-deploy.yml", "publish.yml"])
def test_workflow_is_valid_against_the_schema(name: str) -> None:
    assert schema_errors(load_workflow(WORKFLOWS / name)) == []


@pytest.mark.parametrize("rule", sorted(RULES))
def test_workflow_follows_rule(rule: str) -> None:
    file, check = RULES[rule]
    assert check(load_workflow(WORKFLOWS / file)) == []


def _preview_job(wf: Workflow) -> dict[str, Any]:
    return wf["jobs"]["preview"]


def _publish_job(wf: Workflow) -> dict[str, Any]:
    return wf["jobs"]["publish-preview"]


def _step(wf: Workflow, job: str, predicate: Callable[[dict[str, Any]], bool]) -> dict:
    return next(s for s in steps(wf, job) if predicate(s))


MUTATIONS: list[tuple[str, str, Callable[[Workflow], None]]] = [
    ("preview", "on pull_request_target", lambda wf: wf["on"].update(pull_request_target={})),
    (
        "preview",
        "writes contents",
        lambda wf: _preview_job(wf).update(permissions={"contents": "write"}),
    ),
    (
        "preview",
        "builds the merge commit",
        lambda wf: _step(wf, "preview", lambda s: uses(s, "actions/checkout"))["with"].pop("ref"),
    ),
    (
        "preview",
        "no summary",
        lambda wf: steps(wf, "preview").remove(
            _step(wf, "preview", lambda s: "mentoring.publish.sitediff" in runs(s))
        ),
    ),
    (
        "publishing",
        "forks too",
        lambda wf: _publish_job(wf).update(
            {"if": "github.event.workflow_run.conclusion == 'success'"}
        ),
    ),
    (
        "publishing",
        "checks out the pull request",
        lambda wf: _step(wf, "publish-preview", lambda s: uses(s, "actions/checkout")).update(
            {"with": {"ref": "${{ github.event.workflow_run.head_sha }}"}}
        ),
    ),
    (
        "publishing",
        "cancels deployments",
        lambda wf: _publish_job(wf)["concurrency"].update({"cancel-in-progress": True}),
    ),
    (
        "content_path",
        "unit tests skipped for code",
        lambda wf: _step(wf, "test", lambda s: runs(s).strip() == "make test").pop("if"),
    ),
    (
        "content_path",
        "no accessibility check",
        lambda wf: steps(wf, "test").remove(
            _step(wf, "test", lambda s: "test_changed_pages.py" in runs(s))
        ),
    ),
]


@pytest.mark.parametrize(
    ("rule", "mutate"),
    [pytest.param(rule, mutate, id=f"{rule}-{desc}") for rule, desc, mutate in MUTATIONS],
)
def test_rule_rejects_mutation(rule: str, mutate: Callable[[Workflow], None]) -> None:
    file, check = RULES[rule]
    broken = copy.deepcopy(load_workflow(WORKFLOWS / file))
    mutate(broken)
    assert check(broken), f"rule {rule!r} accepted a broken workflow"


def test_every_rule_has_a_negative_test() -> None:
    assert {rule for rule, _, _ in MUTATIONS} == set(RULES)
