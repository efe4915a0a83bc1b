"""The conversation engine: conversation tests as data, state as plain data, and its import boundary."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
import yaml

from changepath.conversation import new_state
from changepath.conversation.state import coerce

ROOT = Path(__file__).resolve().parent.parent
CASES = yaml.safe_load((Path(__file__).parent / "conversations.yaml").read_text())


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_conversation(case, engine):
    state = new_state(case.get("country", "GB"))
    for number, turn in enumerate(case["turns"], 1):
        state = json.loads(json.dumps(state))  # state must survive a round trip through JSON
        state, reply = engine.reply(state, turn["say"])
        where = f"turn {number} ({turn['say']!r}): "
        if "topic" in turn:
            assert reply.topic == turn["topic"], where + f"topic {reply.topic}"
        if "crisis" in turn:
            assert reply.crisis == turn["crisis"], where + f"crisis {reply.crisis}"
            assert reply.text.startswith("**If you or anyone else is in danger now, call"), where + "emergency number first"
        if turn.get("no_crisis"):
            assert reply.crisis is None, where
        if "flow" in turn:
            assert reply.flow == turn["flow"], where + f"flow {reply.flow}"
        if "quick" in turn:
            assert turn["quick"] in reply.quick_replies, where + f"quick replies {reply.quick_replies}"
        if "not_quick" in turn:
            assert turn["not_quick"] not in reply.quick_replies, where + f"quick replies {reply.quick_replies}"
        if "text" in turn:
            assert turn["text"] in reply.text, where + reply.text[:200]
        if "not_text" in turn:
            assert turn["not_text"] not in reply.text, where + reply.text[:200]
        if "first_article" in turn:
            assert reply.articles and reply.articles[0].slug == turn["first_article"], where + str(reply.articles)
        if "not_article" in turn:
            assert turn["not_article"] not in [a.slug for a in reply.articles], where + str(reply.articles)
        if "not_service" in turn:
            assert turn["not_service"] not in [s.name for s in reply.services], where + str(reply.services)
        if "first_service" in turn:
            assert reply.services and reply.services[0].name == turn["first_service"], where + str(reply.services[:1])
        if "asks_audience" in turn:
            assert reply.text == engine.bank.chat.ask_audience, where + reply.text[:200]
        if "audience" in turn:
            assert state["audience"] == turn["audience"], where
        if turn.get("services"):
            assert reply.services, where + "no services"


def test_time_out_plan_echoes_the_answers(engine):
    state, reply = engine.act(new_state(), "flow:time-out-plan")
    answers = iter(["my jaw gets tight", "I need a time-out, back in an hour", "the park", "music", "my brother"])
    for _ in range(20):
        if reply.flow is None:
            break
        if reply.quick_replies and not engine.bank.flows["time-out-plan"].steps[reply.step].input:
            choice = next((q for q in reply.quick_replies if "plan" in q.lower() or q == "Continue"), reply.quick_replies[0])
            state, reply = engine.reply(state, choice)
        else:
            state, reply = engine.reply(state, next(answers, "ok"))
        if "my jaw gets tight" in reply.text:
            return
    pytest.fail("the summary never echoed the warning signs the person gave")


def test_every_flow_can_be_walked_to_an_end(engine, bank):
    for flow in bank.flows.values():
        state, reply = engine.act(new_state(), f"flow:{flow.id}")
        for _ in range(40):
            if reply.flow is None or bank.flows[flow.id].steps[reply.step].end:
                break
            step = bank.flows[flow.id].steps[reply.step]
            # the last option ends loops ("That's enough for now"); a plain step goes on with "Continue"
            choice = "an answer" if step.input else step.options[-1].label if step.options else reply.quick_replies[0]
            state, reply = engine.reply(state, choice)
        assert reply.flow is None or bank.flows[flow.id].steps[reply.step].end, flow.id


def test_state_is_plain_json_and_foreign_state_starts_afresh(engine):
    state, _ = engine.reply(None, "hello")
    assert json.loads(json.dumps(state)) == state
    assert coerce({"v": 99, "audience": "x"})["audience"] is None
    assert coerce({"v": 1, "audience": "hacker", "flow": {"id": 3}})["flow"] is None


def test_topic_accuracy_on_the_development_set(dev_rows, engine):
    calm = [r for r in dev_rows if not r["crisis"]]
    top1 = top3 = 0
    for row in calm:
        ranked = [r.topic for r in engine.matcher.rank(row["text"])[:3]]
        top1 += ranked[0] == row["topic"]
        top3 += row["topic"] in ranked
    assert top1 / len(calm) >= 0.75 and top3 / len(calm) >= 0.90, (top1 / len(calm), top3 / len(calm))


def _imports(folder: Path) -> set[str]:
    names = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
    return names


@pytest.mark.parametrize("package", ["conversation", "knowledge"])
def test_engine_and_content_never_import_django(package):
    assert not {n for n in _imports(ROOT / "changepath" / package) if n.split(".")[0] in ("django", "ninja")}


@pytest.mark.parametrize("package", ["conversation", "knowledge", "helpchat"])
def test_chat_side_never_imports_casework(package):
    assert not {n for n in _imports(ROOT / "changepath" / package) if n.startswith(("changepath.casework", "changepath.partners"))}


def test_each_step_of_a_crisis_response_is_its_own_paragraph(engine, bank):
    _, reply = engine.act(new_state("GB"), "crisis:intent-to-harm")
    steps = [line.strip() for line in bank.crisis_kinds["intent-to-harm"].say.strip().splitlines()]
    paragraphs = reply.text.split("\n\n")
    assert all(step in paragraphs for step in steps), paragraphs
