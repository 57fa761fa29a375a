"""Offline checks of the SSH deploy and rollback jobs in .github/workflows/publish.yml.

The whole file is validated against the workflow schema in test_workflow.py; here are the
rules of the SSH jobs: switched on by repository variables only, the private key only in
the one step that needs it, the host key never accepted blindly, nothing that only GitHub
has (so Forgejo/Gitea Actions run them too), and only actions the test job already uses.
Each rule has a mutation it must reject.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from tests.workflow_rules import (
    PUSH_TO_MAIN,
    conjuncts,
    job_named,
    rule_table_tests,
    runs_line,
    schema_errors,
    steps_of,
)

SSH_JOBS = ("deploy-ssh", "rollback-ssh")
SSH_ON = "vars.DEPLOY_SSH == 'true'"
DISPATCHED_ROLLBACK = frozenset(
    {"github.event_name == 'workflow_dispatch'", "github.event.inputs.rollback == 'true'", SSH_ON}
)
SECRET = re.compile(r"secrets\.DEPLOY_SSH_KEY")
BLIND_HOST_KEYS = re.compile(
    r"StrictHostKeyChecking\s*=?\s*(no|accept-new|off)|ssh-keyscan|UserKnownHostsFile\s*=?\s*/dev/null",
    re.IGNORECASE,
)
GITHUB_ONLY_KEYS = ("environment", "permissions")


def _step_running(job: dict[str, Any], line: str) -> dict[str, Any] | None:
    return next((s for s in steps_of(job) if runs_line(s, line)), None)


def rule_switched_on_by_variables(wf: dict[str, Any]) -> list[str]:
    problems = []
    deploy = job_named(wf, "deploy-ssh")
    if conjuncts(deploy.get("if")) != PUSH_TO_MAIN | {SSH_ON}:
        problems.append(f"deploy-ssh must run only on push to main && {SSH_ON}")
    needs = deploy.get("needs")
    if "test" not in ([needs] if isinstance(needs, str) else needs or []):
        problems.append("deploy-ssh must need the test job")
    if conjuncts(job_named(wf, "rollback-ssh").get("if")) != DISPATCHED_ROLLBACK:
        problems.append("rollback-ssh must run only when dispatched with rollback && DEPLOY_SSH")
    return problems


def rule_runs_the_make_targets(wf: dict[str, Any]) -> list[str]:
    problems = []
    for name, target in (("deploy-ssh", "make deploy"), ("rollback-ssh", "make rollback")):
        job = job_named(wf, name)
        if _step_running(job, target) is None:
            problems.append(f"{name} must run `{target}`")
        if _step_running(job, "make deploy-deps") is None:
            problems.append(f"{name} must install ssh and rsync with `make deploy-deps`")
    return problems


def rule_key_only_where_needed(wf: dict[str, Any]) -> list[str]:
    """The private key is in the env of the one step that publishes, nowhere else."""
    problems = []
    for name, target in (("deploy-ssh", "make deploy"), ("rollback-ssh", "make rollback")):
        job = job_named(wf, name)
        step = _step_running(job, target)
        env = (step or {}).get("env") or {}
        if not SECRET.search(str(env.get("DEPLOY_SSH_KEY", ""))):
            problems.append(f"{name}: `{target}` must get DEPLOY_SSH_KEY from the secret")
        others = [s for s in steps_of(job) if s is not step]
        if SECRET.search(str(others)) or SECRET.search(str(job.get("env"))):
            problems.append(f"{name}: the private key must not reach other steps")
        if step is not None and SECRET.search(str(step.get("run"))):
            problems.append(f"{name}: the private key must not appear in a command")
    if SECRET.search(str(wf.get("env"))) or SECRET.search(str(job_named(wf, "test"))):
        problems.append("the private key must not be in the workflow env or the test job")
    return problems


def rule_host_key_pinned(wf: dict[str, Any]) -> list[str]:
    text = str(wf)
    problems = []
    if BLIND_HOST_KEYS.search(text):
        problems.append("host keys must never be accepted blindly (no keyscan, no accept-new)")
    for name in SSH_JOBS:
        step = _step_running(job_named(wf, name), "make " + name.removesuffix("-ssh"))
        if "DEPLOY_KNOWN_HOSTS" not in ((step or {}).get("env") or {}):
            problems.append(f"{name} must pass the pinned DEPLOY_KNOWN_HOSTS")
    return problems


def rule_portable_to_forgejo(wf: dict[str, Any]) -> list[str]:
    """No GitHub-only features in the SSH jobs, and only actions the test job already uses."""
    problems = []
    used_by_tests = {s.get("uses") for s in steps_of(job_named(wf, "test")) if s.get("uses")}
    for name in SSH_JOBS:
        job = job_named(wf, name)
        for key in GITHUB_ONLY_KEYS:
            if key in job:
                problems.append(f"{name}: `{key}` is GitHub-only or widens the token")
        for step in steps_of(job):
            uses = step.get("uses")
            if uses and uses not in used_by_tests:
                problems.append(f"{name}: {uses} is not used by the test job")
        conc = job.get("concurrency")
        if not isinstance(conc, dict) or conc.get("cancel-in-progress") is not False:
            problems.append(f"{name}: needs a concurrency group that never cancels a deploy")
    return problems


RULES: dict[str, Callable[[dict[str, Any]], list[str]]] = {
    "schema": schema_errors,
    "switched_on_by_variables": rule_switched_on_by_variables,
    "runs_the_make_targets": rule_runs_the_make_targets,
    "key_only_where_needed": rule_key_only_where_needed,
    "host_key_pinned": rule_host_key_pinned,
    "portable_to_forgejo": rule_portable_to_forgejo,
}


def _deploy_step(wf: dict[str, Any]) -> dict[str, Any]:
    step = _step_running(wf["jobs"]["deploy-ssh"], "make deploy")
    assert step is not None
    return step


def _set_if(job: str, condition: str) -> Callable[[dict[str, Any]], None]:
    def mutate(wf: dict[str, Any]) -> None:
        wf["jobs"][job]["if"] = condition

    return mutate


def _key_in_job_env(wf: dict[str, Any]) -> None:
    wf["jobs"]["deploy-ssh"]["env"] = {"DEPLOY_SSH_KEY": "${{ secrets.DEPLOY_SSH_KEY }}"}


def _key_echoed(wf: dict[str, Any]) -> None:
    _deploy_step(wf)["run"] = 'echo "${{ secrets.DEPLOY_SSH_KEY }}" > key\nmake deploy'


def _keyscan(wf: dict[str, Any]) -> None:
    wf["jobs"]["deploy-ssh"]["steps"].insert(
        0, {"run": "ssh-keyscan example.ru >> ~/.ssh/known_hosts"}
    )


def _no_known_hosts(wf: dict[str, Any]) -> None:
    del _deploy_step(wf)["env"]["DEPLOY_KNOWN_HOSTS"]


def _foreign_action(wf: dict[str, Any]) -> None:
    wf["jobs"]["deploy-ssh"]["steps"].insert(0, {"uses": "some-one/ssh-deploy@v1"})


def _environment(wf: dict[str, Any]) -> None:
    wf["jobs"]["deploy-ssh"]["environment"] = {"name": "production"}


def _cancels(wf: dict[str, Any]) -> None:
    wf["jobs"]["rollback-ssh"]["concurrency"]["cancel-in-progress"] = True


def _no_deploy_deps(wf: dict[str, Any]) -> None:
    steps = wf["jobs"]["deploy-ssh"]["steps"]
    steps[:] = [s for s in steps if not runs_line(s, "make deploy-deps")]


def _bad_schema(wf: dict[str, Any]) -> None:
    wf["jobs"]["deploy-ssh"]["concurrency"] = 7


MUTATIONS: list[tuple[str, str, Callable[[dict[str, Any]], None]]] = [
    ("schema", "concurrency is a number", _bad_schema),
    (
        "switched_on_by_variables",
        "always on",
        _set_if("deploy-ssh", "github.event_name == 'push' && github.ref == 'refs/heads/main'"),
    ),
    ("switched_on_by_variables", "on pull requests", _set_if("deploy-ssh", SSH_ON)),
    (
        "switched_on_by_variables",
        "rollback on every dispatch",
        _set_if("rollback-ssh", f"github.event_name == 'workflow_dispatch' && {SSH_ON}"),
    ),
    ("runs_the_make_targets", "no deploy-deps", _no_deploy_deps),
    ("key_only_where_needed", "key in job env", _key_in_job_env),
    ("key_only_where_needed", "key echoed", _key_echoed),
    ("host_key_pinned", "keyscan", _keyscan),
    ("host_key_pinned", "no known_hosts", _no_known_hosts),
    ("portable_to_forgejo", "foreign action", _foreign_action),
    ("portable_to_forgejo", "environment", _environment),
    ("portable_to_forgejo", "cancels", _cancels),
]


(
    workflow,
    test_ssh_jobs_follow_rule,
    test_rule_rejects_mutation,
    test_every_rule_has_a_negative_test,
) = rule_table_tests(RULES, MUTATIONS)
