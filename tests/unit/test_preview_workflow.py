"""Offline checks of the preview workflows and of publish.yml's content path (issue 13).

Each workflow is validated against the GitHub workflow schema (as in test_workflow.py), then
against rules: the half that runs pull request code cannot write anything; the half that
publishes runs only for branches of this repository and never checks out the pull request;
a content-only change skips the unit tests but not the checks authors need.
"""

from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

import pytest

from mentoring.editor.config import PROPOSALS_BRANCH
from tests.workflow_rules import (
    Mutation,
    Rule,
    Workflow,
    job_named,
    load_workflow,
    rule_table_tests,
    runs_line,
    schema_errors,
    steps_of,
)

WORKFLOWS = Path(__file__).resolve().parents[2] / ".github" / "workflows"
DISPATCH_INPUT = "pull_request"
CONTENT_ONLY = "steps.changes.outputs.content_only == 'true'"
NOT_CONTENT_ONLY = "steps.changes.outputs.content_only != 'true'"


def steps(workflow: Workflow, job: str) -> list[dict[str, Any]]:
    """The job's own list of steps, so that a mutation can remove one."""
    return job_named(workflow, job)["steps"]


def runs(step: dict[str, Any]) -> str:
    return str(step.get("run", ""))


def uses(step: dict[str, Any], action: str) -> bool:
    return str(step.get("uses", "")).split("@")[0] == action


def grants_write(permissions: Any) -> bool:
    return not isinstance(permissions, dict) or "write" in permissions.values()


# --------------------------------------------------------------------------- rules


def rule_preview_builds_the_head_read_only(wf: Workflow) -> list[str]:
    problems = []
    on = wf.get("on") or {}
    if set(on) != {"pull_request", "workflow_dispatch"}:
        problems.append("preview.yml must run on pull_request and workflow_dispatch only")
    if set((on.get("workflow_dispatch") or {}).get("inputs") or {}) != {DISPATCH_INPUT}:
        problems.append(f"workflow_dispatch must take the pull request's number ({DISPATCH_INPUT})")
    if wf.get("permissions") != {"contents": "read", "pull-requests": "read"}:
        problems.append("preview.yml must have `contents: read` and `pull-requests: read` only")
    for name, job in wf["jobs"].items():
        if "permissions" in job and grants_write(job["permissions"]):
            problems.append(f"job {name} runs pull request code and must not write")
    job_steps = steps_of(job_named(wf, "preview"))
    if not job_steps or job_steps[0].get("id") != "pr":
        problems.append("the first step must find the pull request (id: pr)")
    checkout = next((s for s in job_steps if uses(s, "actions/checkout")), {})
    if (checkout.get("with") or {}).get("ref") != "${{ steps.pr.outputs.head }}":
        problems.append("the preview must be built from the pull request's head")
    if not any(runs_line(s, "make check") for s in job_steps):
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
    job = job_named(wf, "publish-preview")
    condition = " ".join(str(job.get("if", "")).split())
    for part in (
        'contains(fromJSON(\'["pull_request", "workflow_dispatch"]\'), '
        "github.event.workflow_run.event)",
        "github.event.workflow_run.conclusion == 'success'",
        "github.event.workflow_run.head_repository.full_name == github.repository",
    ):
        if part not in condition or "||" in condition:
            problems.append(f"publishing must require {part}")
    for step in steps_of(job):
        if uses(step, "actions/checkout") and (step.get("with") or {}).get("ref"):
            problems.append("publishing must never check out the pull request's code")
    concurrency = job.get("concurrency") or {}
    if concurrency != {"group": "pages", "cancel-in-progress": False}:
        problems.append("publishing must share the `pages` group with publish.yml, not cancel")
    if (job.get("environment") or {}).get("name") != "github-pages":
        problems.append("publishing must use the github-pages environment")
    if not any(uses(s, "actions/deploy-pages") for s in steps_of(job)):
        problems.append("publishing must deploy with actions/deploy-pages")
    if not any(
        "gh pr comment" in runs(s) and "preview-summary.md" in runs(s) for s in steps_of(job)
    ):
        problems.append("publishing must comment the summary on the pull request")
    return problems


def rule_proposals_become_one_pull_request(wf: Workflow) -> list[str]:
    """proposals.yml: on a save to the editor's branch, one pull request and its preview;
    it runs no code of the repository and gives the author's words to the shell as data."""
    problems = []
    if wf.get("on") != {"push": {"branches": [PROPOSALS_BRANCH]}}:
        problems.append(f"proposals.yml must run on push to {PROPOSALS_BRANCH} only")
    if wf.get("permissions") != {"contents": "read"}:
        problems.append("proposals.yml must have `contents: read` at the top")
    if (wf.get("concurrency") or {}).get("cancel-in-progress") is not False:
        problems.append("saves must be handled one after another, none cancelled")
    job = job_named(wf, "pull-request")
    wanted = {"contents": "read", "pull-requests": "write", "actions": "write"}
    if job.get("permissions") != wanted:
        problems.append(f"the job's permissions must be exactly {wanted}")
    script = "\n".join(runs(s) for s in steps_of(job))
    if any("uses" in s for s in steps_of(job)):
        problems.append("proposals.yml must run no action and check out nothing")
    if "github.event" in script:
        problems.append("event data must reach the script through env, never inside `run`")
    for command in ("gh pr list", "gh pr edit", "/pulls", "gh workflow run preview.yml"):
        if command not in script:
            problems.append(f"the job must call `{command}`")
    if f"-f {DISPATCH_INPUT}=" not in script:
        problems.append(f"the preview must be given the pull request as {DISPATCH_INPUT}")
    return problems


def rule_content_path(wf: Workflow) -> list[str]:
    problems = []
    job_steps = steps_of(job_named(wf, "test"))
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


RULES: dict[str, Rule] = {
    "preview": rule_preview_builds_the_head_read_only,
    "publishing": rule_publishing_is_trusted_and_same_repository,
    "content_path": rule_content_path,
    "proposals": rule_proposals_become_one_pull_request,
}
PATHS = {
    "preview": WORKFLOWS / "preview.yml",
    "publishing": WORKFLOWS / "preview-deploy.yml",
    "content_path": WORKFLOWS / "publish.yml",
    "proposals": WORKFLOWS / "proposals.yml",
}


# --------------------------------------------------------------------------- tests


@pytest.mark.parametrize("path", sorted(PATHS.values()), ids=lambda path: path.name)
def test_workflow_is_valid_against_the_schema(path: Path) -> None:
    assert schema_errors(load_workflow(path)) == []


def _step(wf: Workflow, job: str, predicate: Callable[[dict[str, Any]], bool]) -> dict:
    return next(s for s in steps_of(job_named(wf, job)) if predicate(s))


MUTATIONS: list[tuple[str, str, Mutation]] = [
    ("preview", "on pull_request_target", lambda wf: wf["on"].update(pull_request_target={})),
    (
        "preview",
        "writes contents",
        lambda wf: job_named(wf, "preview").update(permissions={"contents": "write"}),
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
        lambda wf: job_named(wf, "publish-preview").update(
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
        lambda wf: job_named(wf, "publish-preview")["concurrency"].update(
            {"cancel-in-progress": True}
        ),
    ),
    (
        "preview",
        "dispatch without the number",
        lambda wf: wf["on"].update(workflow_dispatch={}),
    ),
    (
        "proposals",
        "every branch",
        lambda wf: wf["on"]["push"].update(branches=["**"]),
    ),
    (
        "proposals",
        "writes contents",
        lambda wf: job_named(wf, "pull-request")["permissions"].update(contents="write"),
    ),
    (
        "proposals",
        "commit message in the script",
        lambda wf: job_named(wf, "pull-request")["steps"][0].update(
            run=runs(job_named(wf, "pull-request")["steps"][0])
            + "\necho '${{ github.event.head_commit.message }}'"
        ),
    ),
    (
        "proposals",
        "no preview",
        lambda wf: job_named(wf, "pull-request")["steps"][0].update(
            run=runs(job_named(wf, "pull-request")["steps"][0]).replace("gh workflow run", "echo")
        ),
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


(
    workflow,
    test_workflow_follows_rule,
    test_rule_rejects_mutation,
    test_every_rule_has_a_negative_test,
) = rule_table_tests(RULES, MUTATIONS, PATHS)


# --------------------------------------------------------------------------- the pull request step
#
# preview.yml's first step finds the pull request: from the event, or, for workflow_dispatch,
# from the API (served here on 127.0.0.1), refusing a fork's pull request there.

HEAD, BASE = "a" * 40, "b" * 40


def _pull_request(head_repository: str | None) -> dict[str, Any]:
    repo = {"full_name": head_repository} if head_repository else None
    return {"number": 7, "head": {"sha": HEAD, "repo": repo}, "base": {"sha": BASE}}


class _Api(http.server.BaseHTTPRequestHandler):
    answer: ClassVar[dict[str, Any]] = {}
    seen: ClassVar[list[tuple[str, str | None]]] = []

    def do_GET(self) -> None:
        self.seen.append((self.path, self.headers.get("Authorization")))
        body = json.dumps(self.answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def _run_pr_step(tmp_path: Path, event: str, **extra: str) -> tuple[int, str, dict[str, str]]:
    step = steps(load_workflow(WORKFLOWS / "preview.yml"), "preview")[0]
    assert step["id"] == "pr" and step["shell"] == "python"
    output, env_file = tmp_path / "output", tmp_path / "env"
    env = {
        "PATH": os.environ["PATH"],
        "GITHUB_EVENT_NAME": event,
        "GITHUB_REPOSITORY": "owner/name",
        "GITHUB_OUTPUT": str(output),
        "GITHUB_ENV": str(env_file),
        "GH_TOKEN": "token",
        **extra,
    }
    result = subprocess.run(
        [sys.executable, "-c", runs(step)], env=env, capture_output=True, text=True, check=False
    )
    written = {}
    for file in (output, env_file):
        if file.exists():
            written.update(line.split("=", 1) for line in file.read_text().splitlines())
    return result.returncode, result.stderr, written


@pytest.mark.parametrize(
    ("head_repository", "same"), [("owner/name", "true"), ("fork/name", "false")]
)
def test_a_pull_request_event_is_read_from_the_event(
    tmp_path: Path, head_repository: str, same: str
) -> None:
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": _pull_request(head_repository)}))
    code, _, written = _run_pr_step(tmp_path, "pull_request", GITHUB_EVENT_PATH=str(event))
    assert code == 0
    assert written == {"number": "7", "head": HEAD, "base": BASE, "SAME_REPOSITORY": same}


@pytest.mark.parametrize("head_repository", ["owner/name", "fork/name", None])
def test_a_dispatched_preview_asks_the_api_and_refuses_forks(
    tmp_path: Path, head_repository: str | None
) -> None:
    _Api.answer, _Api.seen = _pull_request(head_repository), []
    server = http.server.HTTPServer(("127.0.0.1", 0), _Api)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        api = f"http://127.0.0.1:{server.server_port}"
        code, stderr, written = _run_pr_step(
            tmp_path, "workflow_dispatch", GITHUB_API_URL=api, NUMBER="7"
        )
    finally:
        server.shutdown()
    assert _Api.seen == [("/repos/owner/name/pulls/7", "Bearer token")]
    if head_repository == "owner/name":
        assert code == 0
        assert written == {"number": "7", "head": HEAD, "base": BASE, "SAME_REPOSITORY": "true"}
    else:
        assert code != 0 and "branches of this repository only" in stderr
        assert written == {}
