"""The crisis check: deterministic, first on every turn, recall 1.0 on the development set (floors on
the held-out sets), few false alarms."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import yaml

from changepath.conversation import crisis
from changepath.conversation.crisis import CrisisCheck, CrisisMeaning

ROOT = Path(__file__).resolve().parent.parent
CASES = yaml.safe_load((Path(__file__).parent / "crisis_cases.yaml").read_text())
POSITIVE = [(kind, text) for kind, texts in CASES.items() if kind != "none" for text in texts]


@pytest.fixture(scope="module")
def check(engine):
    return engine.crisis


@pytest.mark.parametrize(("kind", "text"), POSITIVE)
def test_crisis_patterns_find_each_kind(kind, text):
    assert kind in [s.kind for s in crisis.detect(text)]


@pytest.mark.parametrize("text", CASES["none"])
def test_crisis_patterns_leave_ordinary_messages_alone(text):
    # The patterns are exact; the meaning check is judged by its measured false-positive rate below.
    assert crisis.detect(text) == []


def test_crisis_recall_is_one_on_the_development_set(dev_rows, check):
    missed = [r["text"] for r in dev_rows if r["crisis"] and r["crisis"] not in [s.kind for s in check.detect(r["text"])]]
    assert missed == []


def test_crisis_false_positive_rate_is_at_most_five_percent_on_the_development_set(dev_rows, check):
    calm = [r for r in dev_rows if not r["crisis"]]
    alarms = [r["text"] for r in calm if check.detect(r["text"])]
    assert len(alarms) / len(calm) <= 0.05, alarms


# Floors under the recorded figures (docs/EVALUATION.md): crisis recall, emergency number first.
# Sets whose crisis misses have been read (every one but holdout11; holdout10 in session 10) were
# brought to 0.99 or 1.00, so a fall there is a regression. holdout11 (session 10, never read)
# measures what generalises: 0.88 before session 10's patterns (105 of 120) and after (106).
READ = (0.97, 0.99)
FLOORS = {"holdout11": (0.86, 0.97)}


@pytest.mark.parametrize("name", ["holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6", "holdout7", "holdout8",
                                  "holdout9", "holdout10", "holdout11", "select1", "select2"])
def test_held_out_sets_do_not_fall_below_their_recorded_floor(name, engine):
    # A guard against regressions when content or code changes, not a target: the figures recorded
    # in docs/EVALUATION.md sit above these floors. Only the totals are printed (unread sets stay unread).
    from changepath.evaluation import evaluate, read_lines

    rows = read_lines(ROOT / "eval" / f"{name}.jsonl", set(engine.bank.topics), set(engine.bank.crisis_kinds))
    result = evaluate(rows, engine.matcher, engine.crisis)
    recall, number_first = FLOORS.get(name, READ)
    assert result.crisis_found / result.crisis_n >= recall, result.summary
    assert result.crisis_number_first / result.crisis_n >= number_first, result.safety
    assert result.false_alarms / result.calm_n <= 0.07, result.summary
    assert result.top3 / result.topic_n >= 0.90, result.summary


def test_the_check_is_deterministic(check):
    text = "I've been saving up my tablets. He'll be home soon and he said I'd better be ready."
    assert [check.detect(text) for _ in range(3)] == [check.detect(text)] * 3


@pytest.mark.parametrize(("kind", "text"), [
    ("intent-to-harm", "after tonight she will need a wheelchair"),
    ("danger-now", "he found the refuge address and his van is parked across the road"),
])
def test_meaning_check_catches_indirect_phrasing(kind, text, check):
    assert crisis.detect(text) == []  # no pattern hears it ...
    assert kind in [s.kind for s in check.detect(text)]  # ... the meaning check does


def test_most_urgent_kind_comes_first(check):
    kinds = [s.kind for s in check.detect("he strangled me last week and now he is outside my door")]
    assert kinds[0] == "danger-now" and "strangulation" in kinds


def test_misspelt_crisis_words_are_read_as_meant():
    assert [s.kind for s in crisis.detect("he strangeled me")] == ["strangulation"]
    assert crisis.detect("I keep checking her location") == []


def test_example_vectors_are_cached_and_reused(bank, engine, tmp_path):
    first = CrisisMeaning(bank, engine.matcher.encoder, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("crisis-*.npy"))) == 1
    second = CrisisMeaning(bank, engine.matcher.encoder, cache_dir=tmp_path)
    assert (first.vectors == second.vectors).all()
    assert isinstance(CrisisCheck(second).detect("I want to die"), list)


def test_a_meaning_call_names_the_example_it_is_close_to(engine):
    # No pattern fires on this sideways wording; the evidence is a written example a reviewer can read.
    text = "the pills are lined up on the side and I've written to my sister"
    assert crisis.detect(text) == []
    signal = next(s for s in engine.crisis.detect(text) if s.kind == "self-harm")
    example = signal.evidence.removeprefix("(close to: ").removesuffix(")")
    assert example in engine.bank.crisis_examples["self-harm"]


def test_an_unsure_check_still_puts_the_emergency_number_first(engine):
    text = "he is coming over later"
    assessment = engine.crisis.assess(text)
    assert not assessment.signals and assessment.unsure
    state, reply = engine.reply(None, text)
    assert reply.crisis is None and reply.text.startswith("Are you safe right now? If you or anyone else is in danger, call 999.")
    assert reply.quick_replies[0] == "I'm not safe right now"
    _, answer = engine.reply(state, "I'm not safe right now")  # one press brings the full crisis response
    assert answer.crisis == "danger-now" and answer.text.startswith("**If you or anyone else is in danger now, call 999.**")


@pytest.mark.parametrize("answer", ["no", "No.", "nope", "not really", "no I'm not", "im not safe"])
def test_a_typed_no_to_are_you_safe_brings_the_crisis_response(engine, answer):
    state, reply = engine.reply(None, "he is coming over later")
    assert reply.text.startswith("Are you safe right now?")  # and "is this about your own behaviour, or someone else's?"
    _, reply = engine.reply(state, answer)
    assert reply.crisis == "danger-now" and reply.text.startswith("**If you or anyone else is in danger now, call 999.**")


def test_no_is_only_an_answer_to_the_question_just_asked(engine):
    state, reply = engine.reply(None, "what happens on a behaviour change programme")
    assert not reply.text.startswith("Are you safe")
    _, reply = engine.reply(state, "no")
    assert reply.crisis is None
    state, _ = engine.reply(None, "he is coming over later")
    state, _ = engine.reply(state, "what happens on a behaviour change programme")  # the question has moved on
    _, reply = engine.reply(state, "no")
    assert reply.crisis is None


def test_an_ordinary_message_does_not_get_the_safety_line(engine):
    _, reply = engine.reply(None, "what happens on a behaviour change programme")
    assert "danger now" not in reply.text


def test_a_near_pattern_counts_only_with_its_context_within_a_sentence():
    waiting = "I have been sitting outside her flat for an hour."
    assert [s.kind for s in crisis.detect(waiting + " The bat is on the back seat.")] == ["intent-to-harm"]
    assert crisis.detect(waiting) == []  # waiting alone is not intent to harm
    far = (waiting + " It is raining and the windows have steamed up. I am tired and I have not eaten since this morning."
           " I miss her and I keep going over the last thing she said to me at the door. When I was a kid my dad and I"
           " played cricket in the park every Sunday with an old bat.")
    assert len(far) > crisis.SHORT
    assert crisis.detect(far) == []  # in a letter, a weapon word three sentences on is not "in the same breath"


def test_a_short_message_is_read_as_one_breath():
    # "im 11" three sentences after "he's hitting me": a child's own account, however it is broken up.
    text = "dad is hitting mum and now hes hitting me too. hiding under my bed. hes looking for me. im 11"
    assert len(text) <= crisis.SHORT
    assert "child-at-risk" in [s.kind for s in crisis.detect(text)]
    assert "child-at-risk" not in [s.kind for s in crisis.detect(text.replace("im 11", "x" * 300))]


def test_an_unless_context_cancels_a_near_pattern():
    assert crisis.detect("my son is 4 and has a bruise on his leg from the trampoline") == []
    kinds = [s.kind for s in crisis.detect("my son is 4 and has a bruise on his leg, his dad says he fell off the trampoline")]
    assert kinds == ["child-at-risk"]  # "he says he fell" is the cover story, not the explanation


class _Encoder:
    """Vectors chosen by hand: one axis per example, so each score is exactly what the test sets."""

    name = "hand-made"
    model = SimpleNamespace(sha256="hand-made", title="hand-made")
    hidden = 384

    def __init__(self, table):
        self.table = table

    def encode(self, texts):
        return np.array([self.table[t] for t in texts], dtype=np.float32)


def _axis(i):
    vector = np.zeros(384, dtype=np.float32)
    vector[i] = 1.0
    return vector


@pytest.fixture
def hand_made_meaning(bank, tmp_path):
    groups = ["none", "danger-now", "child-at-risk", "intent-to-harm", "strangulation", "self-harm"]
    stub = SimpleNamespace(
        crisis_examples={g: (g,) for g in groups}, intents={},
        crisis_kinds={k: bank.crisis_kinds[k] for k in groups[1:]},
    )
    meaning = CrisisMeaning(stub, _Encoder({g: _axis(i) for i, g in enumerate(groups)}), cache_dir=tmp_path)
    meaning.bank_kinds = stub.crisis_kinds
    return meaning


def _read(meaning, piece, **weights):
    order = ["none", "danger-now", "child-at-risk", "intent-to-harm", "strangulation", "self-harm"]
    vector = sum(weights.get(g.replace("-", "_"), 0.0) * _axis(i) for i, g in enumerate(order))
    signals, _ = meaning.read([piece], (vector / np.linalg.norm(vector))[None, :])
    return [s.kind for s in signals]


class _Reader(_Encoder):
    """A hand-made encoder that also reads messages, and remembers what it was asked to read."""

    def __init__(self, table):
        super().__init__(table)
        self.asked: list[str] = []

    def encode(self, texts):
        self.asked += texts
        return super().encode(texts)

    def encode_message(self, text, parts):
        vectors = self.encode(parts)
        whole = vectors.sum(axis=0)
        return whole / np.linalg.norm(whole), vectors


def _mix(none=0.0, self_harm=0.0):
    vector = none * _axis(0) + self_harm * _axis(5)
    return vector / np.linalg.norm(vector)


def test_the_strong_encoder_settles_only_what_the_small_one_is_unsure_of(hand_made_meaning):
    calm, unsure = "We went to the shops on Saturday morning.", "It has been a strange week for all of us."
    message = f"{calm} {unsure}"
    groups = ["none", "danger-now", "child-at-risk", "intent-to-harm", "strangulation", "self-harm"]
    examples = {g: _axis(i) for i, g in enumerate(groups)}
    small = _Reader({**examples, calm: _mix(none=0.9, self_harm=0.1), unsure: _mix(none=0.70, self_harm=0.72)})
    strong = _Reader({**examples, unsure: _mix(none=0.2, self_harm=0.9)})
    stub = SimpleNamespace(crisis_examples={g: (g,) for g in groups}, intents={},
                           crisis_kinds=hand_made_meaning.bank_kinds)
    small_meaning, strong_meaning = CrisisMeaning(stub, small), CrisisMeaning(stub, strong)
    small.asked, strong.asked = [], []

    alone = CrisisCheck(small_meaning).assess(message)
    assert alone.signals == [] and alone.unsure  # the small one is unsure, not sure
    both = CrisisCheck(small_meaning, strong=strong_meaning).assess(message)
    assert [s.kind for s in both.signals] == ["self-harm"]
    assert strong.asked == [unsure]  # the calm sentence never reached the strong encoder


def test_the_meaning_check_gives_kinds_for_the_same_reader_together(hand_made_meaning):
    piece = "the children are upstairs and it is getting worse"
    assert _read(hand_made_meaning, piece, danger_now=0.7, child_at_risk=0.6) == ["danger-now", "child-at-risk"]
    # The one in danger is never told to put the weapon down: intent to harm speaks to another reader.
    assert _read(hand_made_meaning, piece, danger_now=0.7, intent_to_harm=0.6) == ["danger-now"]


def test_who_acts_decides_between_danger_now_and_intent_to_harm(hand_made_meaning):
    assert _read(hand_made_meaning, "he hits me when he has been drinking", intent_to_harm=0.8) == ["danger-now"]
    assert _read(hand_made_meaning, "I hit her when I have been drinking", danger_now=0.8) == ["intent-to-harm"]
    assert _read(hand_made_meaning, "it is all getting too much tonight", intent_to_harm=0.8) == ["intent-to-harm"]


def test_harm_the_writer_turns_on_themselves_is_self_harm_not_intent(hand_made_meaning):
    # "kill myself" near "kill her and then myself": the reflexive says whose harm it is.
    assert _read(hand_made_meaning, "some days I just want to kill myself", intent_to_harm=0.8, self_harm=0.7) == ["self-harm"]
    assert _read(hand_made_meaning, "some days I just want to kill myself", intent_to_harm=0.8) == ["self-harm"]
    for both in ("I'm going to kill her and then myself", "I'll kill him and then kill myself", "I'll take them all with me"):
        assert _read(hand_made_meaning, both, intent_to_harm=0.8, self_harm=0.7) == ["intent-to-harm", "self-harm"]


def test_what_a_pattern_heard_leads_then_the_clearest_reading(hand_made_meaning):
    plain, sideways = "I want to end my life.", "There is rope in the boot of the car and the kids are asleep."
    groups = ["none", "danger-now", "child-at-risk", "intent-to-harm", "strangulation", "self-harm"]
    examples = {g: _axis(i) for i, g in enumerate(groups)}

    def vector(**weights):
        v = sum(weights.get(g.replace("-", "_"), 0.0) * _axis(i) for i, g in enumerate(groups))
        return v / np.linalg.norm(v)

    reader = _Reader({**examples, plain: vector(none=0.2, self_harm=0.9),
                      sideways: vector(none=0.5, danger_now=0.62, child_at_risk=0.7)})
    stub = SimpleNamespace(crisis_examples={g: (g,) for g in groups}, intents={},
                           crisis_kinds=hand_made_meaning.bank_kinds)
    check = CrisisCheck(CrisisMeaning(stub, reader))
    # The pattern hears self-harm; of the meaning check's own kinds the clearer one speaks first,
    # though danger now is the more urgent kind in the abstract.
    kinds = [s.kind for s in check.assess(f"{plain} {sideways}").signals]
    assert kinds == ["self-harm", "child-at-risk", "danger-now"]
    assert check.assess(f"{plain} {sideways}").signals[0].margin is None  # heard by a pattern


def test_a_child_at_risk_needs_a_child_in_the_message(hand_made_meaning):
    # The same reading with no child named and no young writer: the danger is an adult's.
    calm = "I want to talk about my week."
    sideways = "There is rope in the boot of the car and he is outside."
    groups = ["none", "danger-now", "child-at-risk", "intent-to-harm", "strangulation", "self-harm"]
    examples = {g: _axis(i) for i, g in enumerate(groups)}
    v = 0.5 * _axis(0) + 0.7 * _axis(2)
    reader = _Reader({**examples, calm: _axis(0), sideways: v / np.linalg.norm(v)})
    stub = SimpleNamespace(crisis_examples={g: (g,) for g in groups}, intents={},
                           crisis_kinds=hand_made_meaning.bank_kinds)
    signals = CrisisCheck(CrisisMeaning(stub, reader)).assess(f"{calm} {sideways}").signals
    assert [s.kind for s in signals] == ["danger-now"] and signals[0].margin > 0.05
    with_child = sideways.replace("he is outside", "my son is in the back")
    reader.table[with_child] = reader.table[sideways]
    assert "child-at-risk" in [s.kind for s in CrisisCheck(CrisisMeaning(stub, reader)).assess(f"{calm} {with_child}").signals]


def test_strangulation_needs_the_neck_or_the_breath_in_the_sentence(hand_made_meaning):
    # However close its neighbours, a sentence that names neither the neck nor the breath is not strangulation.
    assert _read(hand_made_meaning, "we had words over breakfast and I went quiet", strangulation=0.8) == []
    assert _read(hand_made_meaning, "he held me against the wall by my collar until I went quiet", strangulation=0.8) == ["strangulation"]
    assert _read(hand_made_meaning, "afterwards my voice was gone for two days", strangulation=0.8) == ["strangulation"]
    # Only strangulation is held back: the same reading of danger now still stands.
    assert _read(hand_made_meaning, "we had words over breakfast and I went quiet", strangulation=0.8, danger_now=0.7) == ["danger-now"]


def test_danger_now_read_by_the_meaning_check_with_a_child_of_a_given_age_is_a_child_at_risk(hand_made_meaning):
    # The rule the patterns follow (detect), for what the meaning check reads as danger now.
    calm, sideways = "I want to talk about my week.", "Next door it has gone very loud again and there is crying."
    groups = ["none", "danger-now", "child-at-risk", "intent-to-harm", "strangulation", "self-harm"]
    v = 0.5 * _axis(0) + 0.7 * _axis(1)
    reader = _Reader({**{g: _axis(i) for i, g in enumerate(groups)}, calm: _axis(0), sideways: v / np.linalg.norm(v)})
    stub = SimpleNamespace(crisis_examples={g: (g,) for g in groups}, intents={},
                           crisis_kinds=hand_made_meaning.bank_kinds)
    check = CrisisCheck(CrisisMeaning(stub, reader))
    aged = "The wee lad is about 3."
    reader.table[aged] = _axis(0)
    assert [s.kind for s in check.assess(f"{calm} {sideways}").signals] == ["danger-now"]
    signals = check.assess(f"{calm} {sideways} {aged}").signals
    assert [s.kind for s in signals] == ["danger-now", "child-at-risk"]
    assert signals[1].evidence.endswith("lad is about 3") and signals[1].margin == signals[0].margin


def test_a_neighbour_who_hears_a_child_hurt_is_told_what_to_do_once_and_not_to_keep_the_child_with_them(engine):
    _, reply = engine.reply(None, "I can hear the little boy next door screaming and every smack through the wall, he's 4")
    assert {"danger-now", "child-at-risk"} <= set(reply.crisis_kinds)
    paragraphs = reply.text.split("\n\n")
    assert len(paragraphs) == len(set(paragraphs))  # a step both kinds give is said once
    assert any(p.startswith("Don't go in or step in yourself") for p in paragraphs)
    assert "keep the child with you" not in reply.text  # that is for the adult who is with the child


def test_a_person_who_wants_to_kill_themselves_is_not_told_to_walk_away_from_someone(engine):
    _, reply = engine.reply(None, "i want to kill myself")
    assert reply.crisis_kinds == ["self-harm"]
    assert "away from the other person" not in reply.text


def test_reach_holds_each_example_out_of_its_own_reading(hand_made_meaning):
    # One example per kind ("self-harm" is heard by a pattern, so four are read): held out, nothing
    # is left to find them, so an honest reach is 0.
    # Were an example to see itself, every kind would be found (similarity 1.0 to itself).
    from changepath.evaluation import reach

    line = reach(hand_made_meaning, folds=5)
    assert "of 4 crisis examples no pattern hears, 0.00 found with the right kind, 0.00 with any" in line
