"""What the workflow rule tables share: loading, schema check, job helpers and the tests.

A rule is a function returning a list of problems; a rule table maps names to rules, and a
mutation list gives every rule a broken copy of the workflow it must reject.
`rule_table_tests` makes the tests of one table, so every table is tested the same way.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW_PATH = ROOT / ".github" / "workflows" / "publish.yml"
PUSH_TO_MAIN = frozenset({"github.event_name == 'push'", "github.ref == 'refs/heads/main'"})

Workflow = dict[str, Any]
Rule = Callable[[Workflow], list[str]]
Mutation = Callable[[Workflow], None]


class _WorkflowLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans, so that the `on:` key stays a string."""


_WorkflowLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_WorkflowLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def load_workflow(path: Path = WORKFLOW_PATH) -> Workflow:
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_WorkflowLoader)  # a SafeLoader subclass


def load_schema(name: str = "github-workflows") -> dict[str, Any]:
    resource = files("check_jsonschema.builtin_schemas.vendor").joinpath(f"{name}.json")
    return json.loads(resource.read_text(encoding="utf-8"))


def schema_errors(workflow: Workflow, name: str = "github-workflows") -> list[str]:
    schema = load_schema(name)
    validator_cls = jsonschema.validators.validator_for(schema)
    validator_cls.check_schema(schema)
    validator = validator_cls(schema)
    return [
        f"{'/'.join(map(str, err.absolute_path)) or '<root>'}: {err.message}"
        for err in validator.iter_errors(workflow)
    ]


def job_named(workflow: Workflow, name: str) -> dict[str, Any]:
    jobs = workflow.get("jobs") or {}
    job = jobs.get(name)
    return job if isinstance(job, dict) else {}


def steps_of(job: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for s in job.get("steps") or [] if isinstance(s, dict)]


def conjuncts(condition: Any) -> frozenset[str] | None:
    """Split an `if:` expression joined by `&&` into normalised parts.

    Returns None for anything that is not a plain conjunction (e.g. uses `||`
    or `!`), so such conditions never count as "push to main only".
    """
    if not isinstance(condition, str):
        return None
    expr = condition.strip()
    match = re.fullmatch(r"\$\{\{(.*)\}\}", expr, flags=re.DOTALL)
    if match:
        expr = match.group(1)
    if "||" in expr or "!" in expr.replace("!=", ""):
        return None
    parts = (re.sub(r"\s+", " ", p.strip().replace('"', "'")) for p in expr.split("&&"))
    return frozenset(p.strip("() ") for p in parts)


def runs_line(step: dict[str, Any], line: str) -> bool:
    run = step.get("run")
    return isinstance(run, str) and any(ln.strip() == line for ln in run.splitlines())


def rule_table_tests(
    rules: dict[str, Rule],
    mutations: list[tuple[str, str, Mutation]],
    paths: dict[str, Path] | None = None,
) -> tuple[Callable[..., Any], ...]:
    """The fixture and tests of one rule table; a test module assigns them to its names.

    The shipped workflow follows every rule; every mutation is rejected by its rule without
    changing the shipped workflow; every rule has at least one mutation. A rule checks
    publish.yml (the ``workflow`` fixture) unless ``paths`` names another file for it.
    """
    loaded: dict[Path, Workflow] = {}

    def shipped(rule: str) -> Workflow:
        path = (paths or {}).get(rule, WORKFLOW_PATH)
        if path not in loaded:
            loaded[path] = load_workflow(path)
        return loaded[path]

    @pytest.fixture(scope="module")
    def workflow() -> Workflow:
        return load_workflow()

    @pytest.mark.parametrize("rule", sorted(rules))
    def test_workflow_follows_rule(rule: str) -> None:
        assert rules[rule](shipped(rule)) == []

    @pytest.mark.parametrize(
        ("rule", "mutate"),
        [pytest.param(rule, mutate, id=f"{rule}-{desc}") for rule, desc, mutate in mutations],
    )
    def test_rule_rejects_mutation(rule: str, mutate: Mutation) -> None:
        broken = copy.deepcopy(shipped(rule))
        mutate(broken)
        assert rules[rule](broken), f"rule {rule!r} accepted a broken workflow"
        assert rules[rule](shipped(rule)) == [], "the mutation must not leak into the original"

    def test_every_rule_has_a_negative_test() -> None:
        assert {rule for rule, _, _ in mutations} == set(rules)

    return (
        workflow,
        test_workflow_follows_rule,
        test_rule_rejects_mutation,
        test_every_rule_has_a_negative_test,
    )
