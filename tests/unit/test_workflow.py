"""Offline checks of .github/workflows/publish.yml.

The workflow is validated against the GitHub workflow JSON schema that
check-jsonschema vendors (no network), and then against the project's own
rules: tests gate deployment, deployment happens only for pushes to main,
token permissions are minimal, deployments are serialised, and so on.

Every rule is a function returning a list of problems; the negative tests
mutate a copy of the workflow and check that the matching rule rejects it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.workflow_rules import (
    PUSH_TO_MAIN,
    ROOT,
    WORKFLOW_PATH,
    conjuncts,
    job_named,
    load_workflow,
    rule_table_tests,
    runs_line,
    schema_errors,
    steps_of,
)

# Every workflow, including those added later: all of them must pin what they run.
WORKFLOW_PATHS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
DEPENDABOT_PATH = ROOT / ".github" / "dependabot.yml"
FULL_SHA = re.compile(r"[0-9a-f]{40}")
IMAGE_DIGEST = re.compile(r"[^\s@]+@sha256:[0-9a-f]{64}")

# The repository variable that switches GitHub Pages off (Forgejo/Gitea have no Pages).
PAGES_ON = "vars.DEPLOY_PAGES != 'false'"


# --------------------------------------------------------------------------- helpers


def _only_push_to_main(condition: Any, *also: str) -> bool:
    """True for exactly "push to main", and-ed with exactly the `also` conditions."""
    return conjuncts(condition) == PUSH_TO_MAIN | set(also)


def _uses(step: dict[str, Any], action: str) -> bool:
    uses = step.get("uses")
    return isinstance(uses, str) and uses.split("@", 1)[0] == action


def _grants_write(permissions: Any) -> bool:
    if isinstance(permissions, str):
        return permissions != "read-all" and permissions != "{}"
    if isinstance(permissions, dict):
        return any(value == "write" for value in permissions.values())
    return True  # absent or malformed: the token may get the repository default


# --------------------------------------------------------------------------- rules


def rule_triggers(wf: dict[str, Any]) -> list[str]:
    on = wf.get("on")
    if not isinstance(on, dict):
        return ["`on` must be a mapping of events"]
    problems = []
    if "pull_request" not in on:
        problems.append("workflow must run on pull_request")
    if "workflow_dispatch" not in on:
        problems.append("workflow must allow workflow_dispatch")
    push = on.get("push")
    if not isinstance(push, dict) or push.get("branches") != ["main"]:
        problems.append("workflow must run on push to main only")
    return problems


def rule_runs_make_test(wf: dict[str, Any]) -> list[str]:
    if not any(runs_line(s, "make test") for s in steps_of(job_named(wf, "test"))):
        return ["the test job must run `make test`"]
    return []


def rule_deploy_needs_test(wf: dict[str, Any]) -> list[str]:
    needs = job_named(wf, "deploy").get("needs")
    needs = [needs] if isinstance(needs, str) else needs or []
    return [] if "test" in needs else ["deploy must need the test job"]


def rule_deploy_only_push_to_main(wf: dict[str, Any]) -> list[str]:
    deploy = job_named(wf, "deploy")
    problems = []
    if not _only_push_to_main(deploy.get("if"), PAGES_ON):
        problems.append(f"deploy must run only on push to main, && {PAGES_ON}")
    env = deploy.get("environment")
    if not isinstance(env, dict) or env.get("name") != "github-pages" or not env.get("url"):
        problems.append("deploy must use the github-pages environment with its url")
    if not any(_uses(s, "actions/deploy-pages") for s in steps_of(deploy)):
        problems.append("deploy must use actions/deploy-pages")
    return problems


def rule_minimal_permissions(wf: dict[str, Any]) -> list[str]:
    problems = []
    top = wf.get("permissions")
    if top != {"contents": "read"}:
        problems.append("top-level permissions must be exactly `contents: read`")
    for name, job in (wf.get("jobs") or {}).items():
        if not isinstance(job, dict) or "permissions" not in job:
            continue
        perms = job["permissions"]
        if name == "deploy":
            allowed = {"pages": "write", "id-token": "write"}
            if not isinstance(perms, dict) or not set(perms.items()) <= set(allowed.items()):
                problems.append("deploy may only have `pages: write` and `id-token: write`")
        elif _grants_write(perms):
            problems.append(f"job {name!r} must not grant write permissions")
    return problems


def rule_concurrency(wf: dict[str, Any]) -> list[str]:
    for holder in (wf, job_named(wf, "deploy")):
        conc = holder.get("concurrency")
        if isinstance(conc, dict) and conc.get("group") == "pages":
            if conc.get("cancel-in-progress") is False:
                return []
            return ["the `pages` concurrency group must not cancel in-progress runs"]
    return ["a `pages` concurrency group (top level or deploy job) is required"]


def rule_upload_artifact(wf: dict[str, Any]) -> list[str]:
    problems = []
    for name, job in (wf.get("jobs") or {}).items():
        if name == "test" or not isinstance(job, dict):
            continue
        if any(_uses(s, "actions/upload-pages-artifact") for s in steps_of(job)):
            problems.append(f"job {name!r} must not upload the Pages artifact")
    steps = steps_of(job_named(wf, "test"))
    uploads = [i for i, s in enumerate(steps) if _uses(s, "actions/upload-pages-artifact")]
    tests = [i for i, s in enumerate(steps) if runs_line(s, "make test")]
    if len(uploads) != 1:
        problems.append("the test job must upload the Pages artifact exactly once")
        return problems
    upload = steps[uploads[0]]
    if not tests or uploads[0] < min(tests):
        problems.append("the Pages artifact must be uploaded after `make test`")
    if not _only_push_to_main(upload.get("if"), PAGES_ON):
        problems.append(f"the Pages artifact must be uploaded only on push to main, && {PAGES_ON}")
    if (upload.get("with") or {}).get("path") != "site":
        problems.append("the Pages artifact must be the `site` folder")
    return problems


def rule_reproducible_build(wf: dict[str, Any]) -> list[str]:
    problems = []
    if str((wf.get("env") or {}).get("NO_MKDOCS_2_WARNING")) != "1":
        problems.append("env NO_MKDOCS_2_WARNING must be 1")
    steps = steps_of(job_named(wf, "test"))
    epoch = [
        i
        for i, s in enumerate(steps)
        if "SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)" in str(s.get("run", ""))
    ]
    builds = [i for i, s in enumerate(steps) if runs_line(s, "make build")]
    if not builds:
        problems.append("the test job must run `make build`")
    if not epoch or (builds and min(epoch) > min(builds)):
        problems.append("SOURCE_DATE_EPOCH must be set from the commit time before the build")
    return problems


def _all_uses(wf: dict[str, Any]) -> list[str]:
    """Every `uses:` of the workflow: steps and reusable-workflow jobs."""
    found = []
    for job in (wf.get("jobs") or {}).values():
        job = job if isinstance(job, dict) else {}
        found += [job["uses"]] if isinstance(job.get("uses"), str) else []
        found += [s["uses"] for s in steps_of(job) if isinstance(s.get("uses"), str)]
    return found


def rule_action_versions(wf: dict[str, Any]) -> list[str]:
    """A tag can be moved to other code; a full commit SHA cannot."""
    problems = []
    for uses in _all_uses(wf):
        if uses.startswith("./"):
            continue  # an action of this repository, reviewed with it
        if uses.startswith("docker://"):
            if not IMAGE_DIGEST.fullmatch(uses.removeprefix("docker://")):
                problems.append(f"{uses}: images must be pinned by digest (@sha256:…)")
            continue
        ref = uses.partition("@")[2]
        if not FULL_SHA.fullmatch(ref):
            problems.append(f"{uses}: actions must be pinned to a full 40-character commit SHA")
    return problems


def rule_checkout_credentials(wf: dict[str, Any]) -> list[str]:
    """The token must not stay in .git/config, where every later step could read it."""
    problems = []
    for name, job in (wf.get("jobs") or {}).items():
        for step in steps_of(job if isinstance(job, dict) else {}):
            keeps_token = (step.get("with") or {}).get("persist-credentials") is not False
            if _uses(step, "actions/checkout") and keeps_token:
                problems.append(f"job {name!r}: checkout needs `persist-credentials: false`")
    return problems


def rule_image_digests(wf: dict[str, Any]) -> list[str]:
    """Job containers and service containers run pinned images, never a movable tag."""
    problems = []
    for name, job in (wf.get("jobs") or {}).items():
        job = job if isinstance(job, dict) else {}
        services = job.get("services") if isinstance(job.get("services"), dict) else {}
        for holder in (job.get("container"), *services.values()):
            image = holder.get("image") if isinstance(holder, dict) else holder
            if image is not None and not (isinstance(image, str) and IMAGE_DIGEST.fullmatch(image)):
                problems.append(f"job {name!r}: image {image!r} must be pinned by @sha256 digest")
    return problems


RULES: dict[str, Callable[[dict[str, Any]], list[str]]] = {
    "schema": schema_errors,
    "triggers": rule_triggers,
    "runs_make_test": rule_runs_make_test,
    "deploy_needs_test": rule_deploy_needs_test,
    "deploy_only_push_to_main": rule_deploy_only_push_to_main,
    "minimal_permissions": rule_minimal_permissions,
    "concurrency": rule_concurrency,
    "upload_artifact": rule_upload_artifact,
    "reproducible_build": rule_reproducible_build,
    "action_versions": rule_action_versions,
    "checkout_credentials": rule_checkout_credentials,
    "image_digests": rule_image_digests,
}


# --------------------------------------------------------------------------- tests


def test_on_key_is_a_string(workflow: dict[str, Any]) -> None:
    assert "on" in workflow and True not in workflow


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    *parents, last = path.split(".")

    def mutate(wf: dict[str, Any]) -> None:
        node = wf
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        node[last] = value

    return mutate


def _delete(path: str) -> Callable[[dict[str, Any]], None]:
    *parents, last = path.split(".")

    def mutate(wf: dict[str, Any]) -> None:
        node = wf
        for key in parents:
            node = node[key]
        del node[last]

    return mutate


def _test_step_index(wf: dict[str, Any], predicate: Callable[[dict[str, Any]], bool]) -> int:
    return next(i for i, s in enumerate(wf["jobs"]["test"]["steps"]) if predicate(s))


def _drop_make_test(wf: dict[str, Any]) -> None:
    i = _test_step_index(wf, lambda s: runs_line(s, "make test"))
    wf["jobs"]["test"]["steps"][i]["run"] = "make lint"


def _upload_before_tests(wf: dict[str, Any]) -> None:
    steps = wf["jobs"]["test"]["steps"]
    upload = steps.pop(_test_step_index(wf, lambda s: _uses(s, "actions/upload-pages-artifact")))
    steps.insert(0, upload)


def _upload_in_deploy(wf: dict[str, Any]) -> None:
    steps = wf["jobs"]["test"]["steps"]
    upload = steps.pop(_test_step_index(wf, lambda s: _uses(s, "actions/upload-pages-artifact")))
    wf["jobs"]["deploy"]["steps"].insert(0, upload)


def _upload_always(wf: dict[str, Any]) -> None:
    i = _test_step_index(wf, lambda s: _uses(s, "actions/upload-pages-artifact"))
    del wf["jobs"]["test"]["steps"][i]["if"]


def _epoch_after_build(wf: dict[str, Any]) -> None:
    steps = wf["jobs"]["test"]["steps"]
    epoch = steps.pop(_test_step_index(wf, lambda s: "SOURCE_DATE_EPOCH" in str(s.get("run"))))
    steps.append(epoch)


def _old_checkout(wf: dict[str, Any]) -> None:
    i = _test_step_index(wf, lambda s: _uses(s, "actions/checkout"))
    wf["jobs"]["test"]["steps"][i]["uses"] = "actions/checkout@v2"


def _short_sha(wf: dict[str, Any]) -> None:
    i = _test_step_index(wf, lambda s: _uses(s, "actions/cache"))
    wf["jobs"]["test"]["steps"][i]["uses"] = "actions/cache@0057852"


def _reusable_workflow_by_tag(wf: dict[str, Any]) -> None:
    wf["jobs"]["extra"] = {"uses": "octo/workflows/.github/workflows/x.yml@main"}


def _docker_step_by_tag(wf: dict[str, Any]) -> None:
    wf["jobs"]["test"]["steps"].append({"uses": "docker://alpine:3.20"})


def _checkout_keeps_token(wf: dict[str, Any]) -> None:
    i = _test_step_index(wf, lambda s: _uses(s, "actions/checkout"))
    del wf["jobs"]["test"]["steps"][i]["with"]["persist-credentials"]


def _checkout_token_as_text(wf: dict[str, Any]) -> None:
    i = _test_step_index(wf, lambda s: _uses(s, "actions/checkout"))
    wf["jobs"]["test"]["steps"][i]["with"]["persist-credentials"] = "true"


def _second_checkout(wf: dict[str, Any]) -> None:
    wf["jobs"]["deploy"]["steps"].insert(0, {"uses": "actions/checkout@" + "a" * 40})


MUTATIONS: list[tuple[str, str, Callable[[dict[str, Any]], None]]] = [
    ("schema", "missing runs-on", _delete("jobs.test.runs-on")),
    ("schema", "needs is a number", _set("jobs.deploy.needs", 5)),
    ("schema", "unknown job key", _set("jobs.test.run-on", "ubuntu-latest")),
    ("triggers", "no pull_request", _delete("on.pull_request")),
    ("triggers", "push to any branch", _set("on.push", {})),
    ("runs_make_test", "make test removed", _drop_make_test),
    ("deploy_needs_test", "needs removed", _delete("jobs.deploy.needs")),
    ("deploy_needs_test", "needs other job", _set("jobs.deploy.needs", ["lint"])),
    ("deploy_only_push_to_main", "no if", _delete("jobs.deploy.if")),
    (
        "deploy_only_push_to_main",
        "also on PRs",
        _set(
            "jobs.deploy.if",
            "github.event_name == 'push' || github.event_name == 'pull_request'",
        ),
    ),
    (
        "deploy_only_push_to_main",
        "any branch",
        _set("jobs.deploy.if", "github.event_name == 'push'"),
    ),
    ("deploy_only_push_to_main", "no environment", _delete("jobs.deploy.environment")),
    ("minimal_permissions", "top-level write", _set("permissions.contents", "write")),
    ("minimal_permissions", "top-level write-all", _set("permissions", "write-all")),
    ("minimal_permissions", "no top-level permissions", _delete("permissions")),
    ("minimal_permissions", "test job writes", _set("jobs.test.permissions", {"pages": "write"})),
    (
        "minimal_permissions",
        "deploy writes contents",
        _set("jobs.deploy.permissions.contents", "write"),
    ),
    ("concurrency", "no concurrency", _delete("jobs.deploy.concurrency")),
    ("concurrency", "cancels deploys", _set("jobs.deploy.concurrency.cancel-in-progress", True)),
    ("upload_artifact", "upload before tests", _upload_before_tests),
    ("upload_artifact", "upload in deploy job", _upload_in_deploy),
    ("upload_artifact", "upload on every event", _upload_always),
    ("upload_artifact", "upload without tests", _drop_make_test),
    ("reproducible_build", "no NO_MKDOCS_2_WARNING", _delete("env.NO_MKDOCS_2_WARNING")),
    ("reproducible_build", "epoch set after build", _epoch_after_build),
    ("action_versions", "old checkout", _old_checkout),
    ("action_versions", "short SHA", _short_sha),
    ("action_versions", "reusable workflow by branch", _reusable_workflow_by_tag),
    ("action_versions", "docker step by tag", _docker_step_by_tag),
    ("checkout_credentials", "token kept", _checkout_keeps_token),
    ("checkout_credentials", "token kept as text", _checkout_token_as_text),
    ("checkout_credentials", "second checkout keeps token", _second_checkout),
    ("image_digests", "image by tag", _set("jobs.test.container.image", "python:3.11-bookworm")),
    ("image_digests", "image as a string", _set("jobs.test.container", "python:3.11")),
    (
        "image_digests",
        "service by tag",
        _set("jobs.test.services", {"db": {"image": "postgres:16"}}),
    ),
]


(
    workflow,
    test_workflow_follows_rule,
    test_rule_rejects_mutation,
    test_every_rule_has_a_negative_test,
) = rule_table_tests(RULES, MUTATIONS)


# --------------------------------------------------------------------------- every workflow

_USES_LINE = re.compile(r"^[ \t-]*uses:[ \t]*(?P<ref>[^\s#]+)[ \t]*(?:#[ \t]*(?P<tag>\S*))?", re.M)
_TAG = re.compile(r"v(?P<major>\d+)(?:\.\d+){0,2}")
# The oldest major version still acceptable for each action (Dependabot moves them up).
OLDEST_MAJOR = {
    "actions/checkout": 4,
    "actions/cache": 4,
    "actions/setup-python": 5,
    "actions/upload-pages-artifact": 3,
    "actions/deploy-pages": 4,
}


def pin_comment_problems(text: str) -> list[str]:
    """Every `uses:` line of a workflow's text: a full SHA followed by `# vX.Y.Z`, its tag.

    Comments are not in the parsed YAML, so this reads the text; `rule_action_versions`
    holds the parsed values to the same SHAs, so no other spelling of `uses` slips by.
    """
    problems = []
    for match in _USES_LINE.finditer(text):
        ref = match["ref"].strip("'\"")
        if ref.startswith(("./", "docker://")):
            continue
        action, _, sha = ref.partition("@")
        tag = _TAG.fullmatch(match["tag"] or "")
        if not FULL_SHA.fullmatch(sha) or tag is None:
            problems.append(f"{ref}: write `{action}@<40-character SHA> # vX.Y.Z`")
        elif int(tag["major"]) < OLDEST_MAJOR.get(action, 0):
            problems.append(f"{ref}: {match['tag']} is older than v{OLDEST_MAJOR[action]}")
    return problems


@pytest.mark.parametrize("path", WORKFLOW_PATHS, ids=lambda path: path.name)
def test_every_workflow_pins_actions_checkout_and_images(path: Path) -> None:
    workflow = load_workflow(path)
    text = path.read_text(encoding="utf-8")

    assert pin_comment_problems(text) == []
    assert rule_action_versions(workflow) == []
    assert rule_checkout_credentials(workflow) == []
    assert rule_image_digests(workflow) == []
    pinned_lines = [m["ref"].strip("'\"") for m in _USES_LINE.finditer(text)]
    assert sorted(_all_uses(workflow)) == sorted(pinned_lines), "every `uses` on its own line"


def test_the_workflows_are_found() -> None:
    assert WORKFLOW_PATH in WORKFLOW_PATHS


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (
            "uses: actions/checkout@v4",
            "actions/checkout@v4: write `actions/checkout@<40-character SHA> # vX.Y.Z`",
        ),
        (
            "uses: actions/checkout@" + "a" * 40,
            f"actions/checkout@{'a' * 40}: write `actions/checkout@<40-character SHA> # vX.Y.Z`",
        ),
        (
            "- uses: actions/cache@" + "b" * 40 + " # latest",
            f"actions/cache@{'b' * 40}: write `actions/cache@<40-character SHA> # vX.Y.Z`",
        ),
        (
            "uses: actions/checkout@" + "c" * 40 + " # v2.7.0",
            f"actions/checkout@{'c' * 40}: v2.7.0 is older than v4",
        ),
    ],
)
def test_pin_comment_rule_rejects(line: str, problem: str) -> None:
    assert pin_comment_problems(f"jobs:\n  x:\n    steps:\n      {line}\n") == [problem]


def test_pin_comment_rule_accepts_a_pinned_line() -> None:
    text = "      - uses: actions/cache@" + "d" * 40 + "  # v4.3.0\n      - uses: ./local\n"
    assert pin_comment_problems(text) == []


def test_dependabot_keeps_actions_and_python_packages_current() -> None:
    config = load_workflow(DEPENDABOT_PATH)

    assert schema_errors(config, "dependabot") == []
    ecosystems = {update["package-ecosystem"]: update["directory"] for update in config["updates"]}
    assert ecosystems == {"github-actions": "/", "pip": "/"}
