"""`changepath eval FILE.jsonl`: topic accuracy and crisis recall of the chat on a labelled set.

Each line is {"text", "topic", "crisis"}. Topic accuracy counts lines without crisis (a crisis line
is answered by the crisis response, whatever its topic); crisis recall counts a line as found when
its labelled kind is among the kinds detected, and the false-positive rate is over lines with none.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path



class EvalFileError(ValueError):
    pass


@dataclass
class Result:
    n: int = 0
    topic_n: int = 0
    top1: int = 0
    top3: int = 0
    crisis_n: int = 0
    crisis_found: int = 0
    crisis_kind_right: int = 0
    crisis_any: int = 0  # crisis lines answered with a crisis response, of whatever kind
    crisis_number_first: int = 0  # crisis lines whose reply opens with the emergency number (full response or safety line)
    calm_safety_line: int = 0  # lines without a crisis whose reply opens with the safety line (the check was unsure)
    calm_n: int = 0
    false_alarms: int = 0
    misses: list = field(default_factory=list)  # (text, true topic, predicted)
    crisis_misses: list = field(default_factory=list)
    false_alarm_lines: list = field(default_factory=list)
    per_topic: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))  # topic -> [right, total]
    per_kind: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))  # crisis kind -> [found, any, total]

    def ratio(self, a: int, b: int) -> float:
        return a / b if b else 0.0

    @property
    def safety(self) -> str:
        """What a person sees first, beyond the recall figure: the emergency number, and how often it leads a calm reply."""
        return (
            f"crisis lines: a crisis response (any kind) on {self.crisis_any}/{self.crisis_n}, led by the labelled "
            f"kind's words on {self.crisis_kind_right}/{self.crisis_n}, the emergency number "
            f"first (crisis response, or the safety line when the check is unsure) on {self.crisis_number_first}/"
            f"{self.crisis_n}; safety line on {self.calm_safety_line}/{self.calm_n} lines without a crisis"
        )

    @property
    def by_kind(self) -> str:
        """Where the misses are, without naming a line: per labelled kind, found / any crisis response / lines."""
        kinds = ", ".join(f"{kind} {found}/{any_}/{total}" for kind, (found, any_, total) in sorted(self.per_kind.items()))
        return f"crisis by kind (found / any crisis response / lines): {kinds or 'none labelled'}"

    @property
    def summary(self) -> str:
        return (
            f"topic_top1={self.ratio(self.top1, self.topic_n):.2f} topic_top3={self.ratio(self.top3, self.topic_n):.2f} "
            f"crisis_recall={self.ratio(self.crisis_found, self.crisis_n):.2f} "
            f"crisis_fpr={self.ratio(self.false_alarms, self.calm_n):.2f} n={self.n}"
        )


NO_CRISIS = (None, "", "none")  # the ways a line says it carries no crisis


def read_lines(path: Path, topics: set[str], kinds: set[str]) -> list[dict]:
    rows = []
    try:
        raw = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvalFileError(f"cannot read {path}: {exc.strerror}") from exc
    for number, line in enumerate(raw, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalFileError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise EvalFileError(f"{path}:{number}: each line needs a \"text\" string")
        if row.get("topic") not in topics:
            raise EvalFileError(f"{path}:{number}: unknown topic {row.get('topic')!r}; use a slug from topics.yaml")
        if row.get("crisis") in NO_CRISIS:
            row["crisis"] = None
        elif row["crisis"] not in kinds:
            raise EvalFileError(f"{path}:{number}: unknown crisis kind {row['crisis']!r}; use one from crisis.yaml, or null or \"none\"")
        rows.append(row)
    if not rows:
        raise EvalFileError(f"{path}: no lines to evaluate")
    return rows


def evaluate(rows: list[dict], matcher, crisis) -> Result:
    """`matcher` ranks topics, `crisis` is the engine's CrisisCheck: the same parts the chat runs."""
    result = Result()
    for row in rows:
        result.n += 1
        assessment = crisis.assess(row["text"])
        found = [s.kind for s in assessment.signals]
        if row.get("crisis"):
            result.crisis_n += 1
            result.crisis_any += bool(found)
            result.crisis_number_first += bool(found) or assessment.unsure
            kind = result.per_kind[row["crisis"]]
            kind[0] += row["crisis"] in found
            kind[1] += bool(found)
            kind[2] += 1
            if row["crisis"] in found:
                result.crisis_found += 1
                result.crisis_kind_right += found[0] == row["crisis"]
            else:
                result.crisis_misses.append((row["text"], row["crisis"], found))
            continue
        result.calm_n += 1
        result.calm_safety_line += assessment.unsure
        if found:
            result.false_alarms += 1
            result.false_alarm_lines.append((row["text"], found))
        ranked = [r.topic for r in matcher.rank(row["text"])[:3]]
        result.topic_n += 1
        stats = result.per_topic[row["topic"]]
        stats[1] += 1
        if ranked[0] == row["topic"]:
            result.top1 += 1
            stats[0] += 1
        else:
            result.misses.append((row["text"], row["topic"], ranked[0]))
        result.top3 += row["topic"] in ranked
    return result


def reach(meaning, folds: int = 5, seed: int = 0) -> str:
    """How far the crisis meaning check reaches beyond its own examples: k-fold cross-validation.

    Each fold's examples are held out of the pool and read as one-sentence messages by the same
    `read` the chat uses. Crisis examples that a pattern already hears are left out of the recall,
    since the meaning check is there for what patterns miss. No eval set is involved.
    """
    import numpy as np

    from changepath.conversation.crisis import detect

    fold = np.random.default_rng(seed).integers(0, folds, len(meaning.texts))
    kind_of = {}
    for column, span in enumerate(meaning.spans[1:]):
        for i in range(span.start, span.stop):
            kind_of[i] = meaning.kinds[column]
    right = found = crisis_n = ordinary_flagged = 0
    for f in range(folds):
        held_out = np.flatnonzero(fold == f)
        for i in held_out:
            text = meaning.texts[i]
            kind = kind_of.get(int(i))
            if kind and detect(text):
                continue
            signals, _ = meaning.read([text], meaning.vectors[i][None, :], exclude=held_out)
            kinds = [s.kind for s in signals]
            if kind:
                crisis_n += 1
                right += kind in kinds
                found += bool(kinds)
            else:
                ordinary_flagged += bool(kinds)
    ordinary_n = meaning.spans[0].stop - meaning.spans[0].start
    return (
        f"meaning check ({meaning.encoder.model.title.split('/')[-1]}), {folds}-fold on its own examples "
        f"(margin {meaning.MARGIN}): of {crisis_n} crisis examples "
        f"no pattern hears, {right / max(crisis_n, 1):.2f} found with the right kind, {found / max(crisis_n, 1):.2f} "
        f"with any; ordinary examples flagged {ordinary_flagged / max(ordinary_n, 1):.3f} ({ordinary_flagged}/{ordinary_n})"
    )


def report(result: Result, show_misses: bool = False) -> str:
    out = [
        f"lines: {result.n} ({result.topic_n} for topics, {result.crisis_n} with a crisis label)",
        f"topic top-1: {result.ratio(result.top1, result.topic_n):.3f}   top-3: {result.ratio(result.top3, result.topic_n):.3f}",
        f"crisis recall: {result.ratio(result.crisis_found, result.crisis_n):.3f} "
        f"({result.crisis_found}/{result.crisis_n}; labelled kind first in {result.crisis_kind_right})   "
        f"false-positive rate: {result.ratio(result.false_alarms, result.calm_n):.3f} ({result.false_alarms}/{result.calm_n})",
    ]
    worst = sorted(((r / t, t, topic) for topic, (r, t) in result.per_topic.items() if r < t), key=lambda x: (x[0], -x[1]))
    if worst:
        out.append("worst topics (top-1):")
        out += [f"  {topic:<30} {acc:.2f} of {total}" for acc, total, topic in worst[:8]]
        confusions = Counter((true, pred) for _, true, pred in result.misses)
        out.append("most common confusions (true -> predicted):")
        out += [f"  {true} -> {pred}: {count}" for (true, pred), count in confusions.most_common(5)]
    out.append(result.safety)
    out.append(result.by_kind)
    for text, kind, found in result.crisis_misses:
        out.append(f"CRISIS MISSED ({kind}; found {found or 'none'}): {text[:160]}")
    if show_misses:
        for text, found in result.false_alarm_lines:
            out.append(f"false alarm {found}: {text[:160]}")
        for text, true, pred in result.misses:
            out.append(f"miss {true} -> {pred}: {text[:160]}")
    out.append(result.summary)
    return "\n".join(out)
