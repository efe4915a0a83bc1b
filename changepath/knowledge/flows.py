"""Loads guided flows (YAML step graphs) and checks that every path through them is sound."""

from __future__ import annotations

import re
from pathlib import Path

from .errors import Problems
from .fields import AUDIENCES, PERSON_AUDIENCES, Fields, read_yaml
from .models import Flow, Option, Step, Topic

FLOW_FIELDS = {"id", "title", "topic", "audience", "start", "steps", "for_young_people"}
STEP_FIELDS = {"say", "options", "input", "next", "end", "set_audience", "articles", "services"}
PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


def load_flows(folder: Path, topics: dict[str, Topic], problems: Problems) -> dict[str, Flow]:
    flows: dict[str, Flow] = {}
    for path in sorted(folder.glob("*.yaml")):
        data = read_yaml(path, problems)
        if data is None:
            continue
        flow = _load_flow(path, data, topics, problems)
        if flow:
            flows[flow.id] = flow
    return flows


def _load_flow(path: Path, data: object, topics: dict[str, Topic], problems: Problems) -> Flow | None:
    f = Fields(data, path, problems)
    f.unknown_keys(FLOW_FIELDS)
    flow_id = f.slug("id")
    if flow_id and flow_id != path.stem:
        f.fail("id", f"'{flow_id}' must equal the file name '{path.stem}'")
    raw_steps = f.data.get("steps")
    if not isinstance(raw_steps, dict) or not raw_steps:
        f.fail("steps", "must be a mapping of step names to steps")
        return None
    steps: dict[str, Step] = {}
    for name, raw in raw_steps.items():
        steps[str(name)] = _load_step(path, f"flow {flow_id}: step {name}", str(name), raw, problems)
    start = f.text("start")
    if start and start not in steps:
        f.fail("start", f"names step '{start}', which does not exist")
    flow = Flow(
        id=flow_id,
        title=f.text("title"),
        topic=f.choice("topic", set(topics)),
        audience=f.choice("audience", AUDIENCES),
        start=start,
        steps=steps,
        for_young_people=f.flag("for_young_people"),
    )
    _check_graph(path, flow, problems)
    return flow


def _load_step(path: Path, where: str, name: str, raw: object, problems: Problems) -> Step:
    s = Fields(raw, path, problems, where=where)
    s.unknown_keys(STEP_FIELDS)
    options = []
    for i, item in enumerate(s.mapping_list("options", required=False)):
        o = Fields(item, path, problems, where=f"{where}: options[{i}]")
        o.unknown_keys({"label", "next"})
        options.append(Option(o.text("label"), o.text("next")))
    step = Step(
        id=name,
        say=s.text("say"),
        options=tuple(options),
        input=s.text("input", required=False),
        next=s.text("next", required=False),
        end=s.flag("end"),
        set_audience=s.choice("set_audience", PERSON_AUDIENCES, required=False),
        articles=s.strings("articles"),
        services=s.choices("services", PERSON_AUDIENCES, required=False),
    )
    ways_on = sum([bool(step.options), bool(step.next), step.end])
    if ways_on != 1:
        s.fail("", "needs exactly one way on: options, next (with or without input), or end: true")
    if step.input and not step.next:
        s.fail("input", "needs a next step to go to after the answer")
    return step


def _check_graph(path: Path, flow: Flow, problems: Problems) -> None:
    def where(step: str) -> str:
        return f"flow {flow.id}: step {step}"

    for step in flow.steps.values():
        targets = [o.next for o in step.options] + ([step.next] if step.next else [])
        for target in targets:
            if target not in flow.steps:
                problems.add(path, where(step.id), f"leads to step '{target}', which does not exist")
    # Which answers can be known at each step: a placeholder must be filled on every path to it.
    reachable: set[str] = set()
    frontier = [flow.start] if flow.start in flow.steps else []
    while frontier:
        current = frontier.pop()
        if current in reachable:
            continue
        reachable.add(current)
        step = flow.steps[current]
        frontier.extend(o.next for o in step.options if o.next in flow.steps)
        if step.next in flow.steps:
            frontier.append(step.next)
    for name in flow.steps:
        if flow.start in flow.steps and name not in reachable:
            problems.add(path, where(name), "cannot be reached from the start step")
    inputs = {s.input for s in flow.steps.values() if s.input}
    for step in flow.steps.values():
        for placeholder in PLACEHOLDER.findall(step.say):
            if placeholder not in inputs:
                problems.add(path, where(step.id), f"uses {{{placeholder}}}, but no step asks for '{placeholder}'")
