"""The `changepath` command: eval's last line, kb search with scores, kb check errors, terminal chat."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from changepath import cli


def test_eval_prints_the_summary_line(tmp_path, capsys, engine):
    data = tmp_path / "set.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in [
        {"text": "how long is the behaviour change course", "topic": "programme-what-happens", "crisis": None},
        {"text": "he is strangling me", "topic": "is-this-abuse", "crisis": "strangulation"},
        {"text": "hello there", "topic": "greeting", "crisis": None},
    ]))
    assert cli.main(["eval", str(data)]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert re.fullmatch(r"topic_top1=\d\.\d\d topic_top3=\d\.\d\d crisis_recall=\d\.\d\d crisis_fpr=\d\.\d\d n=3", last)
    assert "crisis_recall=1.00" in last


def test_eval_counts_what_a_person_sees_first(engine):
    # A wrong kind is still a crisis response; an unsure check still puts the number first.
    from changepath.conversation.crisis import Assessment, CrisisSignal
    from changepath.evaluation import evaluate

    class Check:
        answers = {
            "a": Assessment([CrisisSignal("danger-now", "x")], False),  # labelled self-harm: wrong kind
            "b": Assessment([], True),  # labelled danger-now: unsure
            "c": Assessment([], True),  # no crisis: the safety line on an ordinary reply
            "d": Assessment([], False),
        }

        def assess(self, text):
            return self.answers[text]

    rows = [{"text": "a", "topic": "greeting", "crisis": "self-harm"},
            {"text": "b", "topic": "greeting", "crisis": "danger-now"},
            {"text": "c", "topic": "greeting", "crisis": None},
            {"text": "d", "topic": "greeting", "crisis": None}]
    result = evaluate(rows, engine.matcher, Check())
    assert (result.crisis_found, result.crisis_any, result.crisis_number_first) == (0, 1, 2)
    assert (result.false_alarms, result.calm_safety_line) == (0, 1)
    assert "a crisis response (any kind) on 1/2" in result.safety and "safety line on 1/2" in result.safety
    assert result.by_kind.endswith("danger-now 0/0/1, self-harm 0/1/1")


def test_eval_reads_none_as_no_crisis_and_names_an_unknown_kind(tmp_path, capsys, engine):
    data = tmp_path / "set.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in [
        {"text": "hello there", "topic": "greeting", "crisis": "none"},
        {"text": "he is strangling me", "topic": "is-this-abuse", "crisis": "strangulation"},
    ]))
    assert cli.main(["eval", str(data)]) == 0
    assert capsys.readouterr().out.strip().endswith("crisis_recall=1.00 crisis_fpr=0.00 n=2")
    data.write_text('{"text": "hi", "topic": "greeting", "crisis": "panic"}\n')
    assert cli.main(["eval", str(data)]) == 2
    assert "set.jsonl:1: unknown crisis kind 'panic'" in capsys.readouterr().err


def test_eval_rejects_a_bad_line_naming_it(tmp_path, capsys):
    data = tmp_path / "bad.jsonl"
    data.write_text('{"text": "hi", "topic": "no-such-topic", "crisis": null}\n')
    assert cli.main(["eval", str(data)]) == 2
    assert "bad.jsonl:1: unknown topic 'no-such-topic'" in capsys.readouterr().err


def test_kb_search_prints_matches_with_scores(capsys, engine):
    assert cli.main(["kb", "search", "taking", "a", "time", "out"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines and re.match(r"\d\.\d{3}\s+\S+", lines[0]) and "time-out" in lines[0]


def test_kb_check_reports_broken_content(tmp_path, capsys, monkeypatch):
    import shutil

    from changepath.knowledge.bank import DEFAULT_CONTENT

    shutil.copytree(DEFAULT_CONTENT, tmp_path / "content")
    (tmp_path / "content/articles/en/broken.md").write_text("no front matter here")
    monkeypatch.setenv("CHANGEPATH_CONTENT_DIR", str(tmp_path / "content"))
    with pytest.raises(SystemExit) as stop:
        cli.main(["kb", "check"])
    assert stop.value.code == 2
    assert "articles/en/broken.md: front matter" in capsys.readouterr().err


def test_terminal_chat_answers_and_quits(engine):
    run = subprocess.run(
        [sys.executable, "-m", "changepath.cli", "chat"], input="how do i take a time out\n1\nquit\n",
        capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 0
    assert "you>" in run.stdout and "time-out" in run.stdout.lower() and "[1]" in run.stdout
    # The terminal's own words for leaving and clearing, not the web page's buttons and keys.
    assert "type 'quit'" in run.stdout and "Esc key" not in run.stdout and "{leave}" not in run.stdout


def test_eval_without_a_file_says_what_to_give(capsys):
    assert cli.main(["eval"]) == 2
    assert "give a JSONL file" in capsys.readouterr().err
