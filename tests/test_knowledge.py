"""Every content file validates, the bank covers every topic, and bad content fails naming file and field."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from changepath.knowledge import ContentError, load_bank
from changepath.knowledge.bank import DEFAULT_CONTENT
from conftest import shared_file



def test_every_content_file_loads(bank):
    assert len(bank.articles) >= 48 and len(bank.flows) >= 5 and {"GB", "FI"} <= set(bank.countries)


def test_every_topic_has_articles_intents_and_a_reply(bank):
    for slug, topic in bank.topics.items():
        articles = bank.articles_for(slug)
        assert len(articles) >= (2 if topic.audience == "using" else 1), slug
        assert len(bank.intents[slug]) >= 20, slug
        assert bank.chat.topic_replies[slug], slug


def test_topics_match_the_product_spec():
    spec = yaml.safe_load(shared_file("spec/topics.yaml").read_text())["topics"]
    ours = yaml.safe_load((DEFAULT_CONTENT / "topics.yaml").read_text())["topics"]
    assert set(spec) <= set(ours), "a topic of the spec is missing; slugs are never renamed or deleted"


def test_articles_follow_the_content_standard_mechanically(bank):
    for article in bank.articles.values():
        assert 150 <= article.words <= 400, article.slug
        assert "## What you can do next" in article.body, article.slug
        assert article.sources and all(s.checked for s in article.sources), article.slug
        # Numbers come from the directory for the reader's country, never from an article.
        assert not re.search(r"\b\d{3}[ -]?\d{3}[ -]?\d{2,4}\b|\b(?:999|112|911)\b", article.body), article.slug


def test_shipped_development_set_is_the_shared_one():
    assert (DEFAULT_CONTENT.parent / "eval" / "dev.jsonl").read_text() == shared_file("eval/dev.jsonl").read_text()


def test_crisis_kinds_match_the_product_spec(bank):
    spec = yaml.safe_load(shared_file("spec/crisis.yaml").read_text())["kinds"]
    assert set(spec) == set(bank.crisis_kinds)


def test_required_flows_exist(bank):
    assert {"am-i-abusive-checkin", "time-out-plan", "safety-plan", "helping-someone-who-harms", "find-a-service"} <= set(bank.flows)


def test_every_crisis_kind_has_a_reply_and_examples(bank):
    assert set(bank.crisis_kinds) == {"danger-now", "intent-to-harm", "self-harm", "child-at-risk", "strangulation"}
    for kind in bank.crisis_kinds:
        assert len(bank.crisis_examples[kind]) >= 50


def test_every_country_has_an_emergency_number_and_a_24_hour_line(bank):
    for country in bank.countries.values():
        assert country.emergency_number
        assert country.twenty_four_hour_lines(["experiencing"]), country.code
        for service in country.services:
            assert service.source.startswith(("https://", "http://")) and service.checked, service.id


@pytest.fixture
def content(tmp_path):
    copy = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT, copy)
    return copy


def _front_matter_edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def _problems(content: Path) -> str:
    with pytest.raises(ContentError) as caught:
        load_bank(content)
    return str(caught.value)


def test_unknown_topic_names_file_and_field(content):
    _front_matter_edit(content / "articles/en/taking-a-time-out.md", "topic: right-now-losing-control", "topic: losing-it")
    message = _problems(content)
    assert "articles/en/taking-a-time-out.md: topic: unknown value 'losing-it'" in message


def test_missing_title_names_file_and_field(content):
    path = content / "articles/en/taking-a-time-out.md"
    path.write_text("\n".join(line for line in path.read_text().splitlines() if not line.startswith("title:")))
    assert "articles/en/taking-a-time-out.md: title: is missing" in _problems(content)


def test_bad_date_names_file_and_field(content):
    _front_matter_edit(content / "articles/en/taking-a-time-out.md", "reviewed: 2026-11-21", "reviewed: 2026-13-45")
    assert "articles/en/taking-a-time-out.md: reviewed: '2026-13-45' is not a valid date" in _problems(content)


def test_flow_errors_name_file_flow_and_step(content):
    path = content / "flows/time-out-plan.yaml"
    data = yaml.safe_load(path.read_text())
    step = next(iter(data["steps"]))
    data["steps"][step].pop("options", None)
    data["steps"][step].pop("next", None)
    data["steps"][step]["next"] = "nowhere"
    path.write_text(yaml.safe_dump(data))
    message = _problems(content)
    assert f"flows/time-out-plan.yaml: flow time-out-plan: step {step}: leads to step 'nowhere', which does not exist" in message


def test_unreachable_step_is_reported(content):
    path = content / "flows/find-a-service.yaml"
    data = yaml.safe_load(path.read_text())
    data["steps"]["orphan"] = {"say": "Nobody comes here.", "end": True}
    path.write_text(yaml.safe_dump(data))
    assert "flow find-a-service: step orphan: cannot be reached from the start step" in _problems(content)


def test_chat_wording_names_a_channel_without_its_words_and_an_unknown_placeholder(content):
    path = content / "chat.yaml"
    data = yaml.safe_load(path.read_text())
    del data["channels"]["terminal"]["hide"]
    data["safety_check"] += " {exit}"
    path.write_text(yaml.safe_dump(data))
    message = _problems(content)
    assert "chat.yaml: channels.terminal.hide: is missing" in message
    assert "chat.yaml: safety_check: has {exit}, which nothing fills in" in message


def test_a_24_hour_line_without_a_phone_is_refused(content):
    path = content / "services/gb.yaml"
    data = yaml.safe_load(path.read_text())
    data["services"][0]["phone"] = None
    data["services"][0]["web"] = None
    path.write_text(yaml.safe_dump(data))
    assert "services/gb.yaml: services[0].phone: a service needs a phone number or a web address" in _problems(content)


def test_every_problem_is_reported_at_once(content):
    _front_matter_edit(content / "articles/en/taking-a-time-out.md", "reviewed: 2026-11-21", "reviewed: soon")
    _front_matter_edit(content / "articles/en/calming-down-when-anger-builds.md", "audience: using", "audience: everyone")
    message = _problems(content)
    assert "taking-a-time-out.md: reviewed" in message and "calming-down-when-anger-builds.md: audience" in message


def test_a_crisis_reader_must_be_a_known_reader(content):
    path = content / "crisis.yaml"
    path.write_text(path.read_text().replace("      young-person:\n", "      teenager:\n", 1))
    assert "crisis.yaml: kinds.danger-now.readers.teenager: unknown reader 'teenager'" in _problems(content)


def test_a_crisis_reader_needs_its_words(content):
    path = content / "crisis.yaml"
    text = path.read_text()
    start = text.index("      concerned:\n        say: |")
    end = text.index("        audiences:", start)
    path.write_text(text[:start] + "      concerned:\n" + text[end:])
    assert "crisis.yaml: kinds.danger-now.readers.concerned.say: is missing" in _problems(content)


def test_an_articles_young_people_mark_must_be_true_or_false(content):
    _front_matter_edit(content / "articles/en/staying-safe-for-young-people.md", "for_young_people: true", "for_young_people: yes please")
    assert "staying-safe-for-young-people.md: for_young_people: must be true or false" in _problems(content)


def test_a_crisis_readers_topic_must_be_a_known_topic(content):
    path = content / "crisis.yaml"
    path.write_text(path.read_text().replace("        topic: safety-planning\n", "        topic: staying-safe\n", 1))
    assert "crisis.yaml: kinds.danger-now.readers.young-person.topic: unknown value 'staying-safe'" in _problems(content)
