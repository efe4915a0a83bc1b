"""The conversation engine: reply(state, message) -> (new_state, Reply). Pure Python, no Django.

Every turn runs the same pipeline, in this order, and stops at the first stage that answers:
  1. crisis check (deterministic; always first, whatever else is going on)
  2. a quick reply the person picked or typed (start a flow, choose who it is about, ...)
  3. the step of a guided flow in progress
  4. the answer to "is this about your own behaviour, or someone else's?"
  5. the partner-control guard (content standard rule 11)
  6. topic matching, answered from the knowledge bank, or a question when the audience is unclear
"""

from __future__ import annotations

import copy
import re
from dataclasses import replace
from typing import Any

from . import crisis as crisis_check
from .embedding import MPNET, shared_encoder
from .guard import is_partner_control_request
from .matching import Ranked, TopicMatcher
from .perspective import audience_cue, reader
from .reply import ArticleLink, Reply, service_info
from .state import AUDIENCES, MAX_ANSWER, MAX_TOPICS, coerce
from .text import normalise

MAX_MESSAGE = 5000  # characters read from one message; the channels reject longer ones first
CONFIDENT = 0.40  # below this fused score the engine says it is unsure rather than guess
ASK_MARGIN = 0.05  # when two audiences' best topics are closer than this, ask who it is about
ASK_BELOW = 0.55  # a weak best match with no audience known: ask who it is about rather than guess
ARTICLES_PER_REPLY = 2
SAFETY_EVERY = 4  # turns between two unsure-check safety lines in one conversation
NOT_SAFE = "crisis:danger-now"  # what "I'm not safe right now" does, pressed or typed as "no" (below)
# A typed answer to "Are you safe right now?" that says no (the safety line asks it outright).
NOT_SAFE_ANSWER = re.compile(
    r"^(?:no+|nope|nah|not really|not at all|not exactly|no (?:im|i am) not(?: safe)?|(?:im|i am) not(?: safe)?|not safe|"
    r"no not really|i dont think so|dont think so)\W*$")
SERVICE_TOPICS = {  # topics whose reply lists services of the reader's country for these audiences
    "talk-to-someone-using": ("using",),
    "talk-to-someone-experiencing": ("experiencing",),
    "find-a-service": None,  # None: the audience we know, else every audience
    "programme-what-happens": ("using",),
    "making-a-referral": ("professional",),
    "leaving-safely": ("experiencing",),
    "help-someone-using": ("using", "concerned"),
}
AUDIENCE_CUES = {
    "using": r"\b(?:my own|myself|me|mine|my behaviou?r|i am the one|im the one|its me|it is me|i do it|i hurt|i am|im)\b",
    "experiencing": r"\b(?:hurting me|hurts me|someone is hurting|being hurt|being abused|abusing me|my partners|his behaviou?r|her behaviou?r|their behaviou?r|victim)\b",
    "concerned": r"\b(?:friend|sister|brother|daughter|son|mum|mom|dad|mother|father|relative|colleague|neighbour|someone else|somebody else|worried about)\b",
    "professional": r"\b(?:work|job|professional|client|patient|tenant|pupil|student|service user|nurse|doctor|gp|teacher|social worker|officer|practitioner|colleague asked)\b",
}


class Engine:
    def __init__(self, bank, matcher: TopicMatcher | None = None, crisis: crisis_check.CrisisCheck | None = None,
                 default_country: str = "GB"):
        self.bank = bank
        self.matcher = matcher or TopicMatcher(bank)
        self.crisis = crisis or default_crisis_check(bank, self.matcher)
        self.default_country = default_country
        self.flow_for_topic: dict[str, list[str]] = {}
        for flow in bank.flows.values():
            self.flow_for_topic.setdefault(flow.topic, []).append(flow.id)

    # --- the turn ------------------------------------------------------------------------------
    def reply(self, state: Any, message: str) -> tuple[dict, Reply]:
        state = copy.deepcopy(coerce(state, self.default_country))
        message = (message or "").strip()[:MAX_MESSAGE]
        state["turns"] += 1
        if not message:
            return self._say(state, self.bank.chat.not_understood, offers=self._starter_offers(state))
        # A button the person pressed carries our own words, not theirs: it is acted on directly.
        # Everything a person writes is checked for crisis before anything else happens.
        action = self._picked_offer(state, message, exact=True)
        if action:
            return self._act(state, action)
        assessment = self.crisis.assess(message)
        if assessment.signals:
            return self._crisis(state, message, [s.kind for s in assessment.signals])
        if state["safety_shown"] == state["turns"] - 1 and not state["flow"] and NOT_SAFE_ANSWER.match(_plain(message)):
            # "no", right after "Are you safe right now?": the answer is to that. (A flow's step may ask a
            # yes-or-no question of its own; "whose behaviour is it?" is either-or, which "no" cannot answer.)
            return self._act(state, NOT_SAFE)  # as if the button had been pressed
        state, answer = self._respond(state, message)
        if assessment.unsure and state["turns"] - state["safety_shown"] >= SAFETY_EVERY:
            # Not sure enough to call it a crisis, not sure enough to stay silent: the number leads
            # (once every few turns, so that it is read, not skimmed past).
            state["safety_shown"] = state["turns"]
            country = self.bank.country(state["country"])
            line = self.bank.chat.in_channel(self.bank.chat.safety_check, state["channel"], emergency=country.emergency_number)
            # ... and the person can say so in one press, which brings the full crisis response.
            not_safe = {"label": self.bank.chat.labels["not_safe"], "action": NOT_SAFE}
            state["offers"] = [not_safe, *state["offers"]]
            answer = replace(answer, text=f"{line}\n\n{answer.text}", quick_replies=[not_safe["label"], *answer.quick_replies])
        return state, answer

    def _respond(self, state: dict, message: str) -> tuple[dict, Reply]:
        """Stages 2 to 6, for a message that carries no crisis signal."""
        action = self._picked_offer(state, message)
        if action:
            return self._act(state, action)
        if state["flow"]:
            handled = self._continue_flow(state, message)
            if handled:
                return handled
        if state["pending"]:
            audience = self._audience_from(message, state["pending"]["message"])
            if audience:
                pending = state["pending"]["message"]
                state["pending"] = None
                state["audience"] = audience
                return self._answer(state, pending, ask=False)
            state["pending"] = None
        return self._answer(state, message, ask=True)

    def act(self, state: Any, action: str) -> tuple[dict, Reply]:
        """Carries out a quick-reply action directly ("flow:time-out-plan"), as a channel's button would."""
        state = copy.deepcopy(coerce(state, self.default_country))
        state["turns"] += 1
        return self._act(state, action)

    # --- stages --------------------------------------------------------------------------------
    def _crisis(self, state: dict, message: str, kinds: list[str]) -> tuple[dict, Reply]:
        country = self.bank.country(state["country"])
        chat = self.bank.chat
        frame = chat.crisis_frame.format(emergency=country.emergency_number)
        if country.emergency_note:
            frame += "\n" + country.emergency_note
        # Said to whoever is writing: a young person about themselves, a friend who heard it, the one in danger.
        who = (reader(message) if message else None) or state["audience"]
        words = [self.bank.crisis_kinds[k].words_for((reader(message, k) if message else None) or who) for k in kinds]
        # Each line of a `say` is one step: its own short paragraph, easy to take in at a glance.
        # A step two kinds share ("Don't go in yourself") is said once, where it first comes.
        parts, said = [frame], set()
        for w in words:
            steps = [line.strip() for line in w.say.strip().splitlines() if line.strip() and line.strip() not in said]
            said.update(steps)
            if steps:
                parts.append("\n\n".join(steps))
        lines: list = []
        for kind, w in zip(kinds, words):
            for service in country.twenty_four_hour_lines(w.audiences, self.bank.crisis_kinds[kind].service_kinds):
                if service not in lines:
                    lines.append(service)
        if who == "young-person":  # a line for young people first, whatever the kind's own lines are
            lines = country.for_young_reader(lines)
        else:  # and a line for young people only to a young person
            lines = [s for s in lines if not s.for_young_people] or lines
        if lines:
            parts.append(chat.crisis_lines_intro)
        hint = words[0].topic or self.bank.crisis_kinds[kinds[0]].hint_topic
        articles = self._articles(state, hint, message, young=who == "young-person") if hint else []
        offers = self._offers_for_topic(state, hint, young=who == "young-person") if hint else self._closing_offers(state)
        if state["flow"]:
            offers.insert(0, {"label": chat.labels["continue"], "action": "resume"})
        reply = Reply(
            text="\n\n".join(parts),
            articles=articles,
            services=[service_info(s) for s in lines],
            crisis=kinds[0],
            crisis_kinds=kinds,
            topic=hint or None,
            emergency_number=country.emergency_number,
        )
        return self._finish(state, reply, offers)

    def _picked_offer(self, state: dict, message: str, exact: bool = False) -> str | None:
        """The action of an offered quick reply: its exact label (a button), or typed loosely / by number."""
        said = message.strip() if exact else _plain(message)
        for number, offer in enumerate(state["offers"], 1):
            if exact and said == offer["label"]:
                return offer["action"]
            if not exact and said in (_plain(offer["label"]), str(number)):
                return offer["action"]
        return None

    def _act(self, state: dict, action: str) -> tuple[dict, Reply]:
        kind, _, value = action.partition(":")
        if kind == "flow" and value in self.bank.flows:
            state["pending"] = None
            flow = self.bank.flows[value]
            state["flow"] = {"id": flow.id, "step": flow.start, "answers": {}}
            return self._show_step(state)
        if kind == "goto" and state["flow"]:
            state["flow"]["step"] = value
            return self._show_step(state)
        if kind == "resume" and state["flow"]:
            return self._show_step(state)
        if kind == "audience" and value in AUDIENCES:
            state["audience"] = value
            pending = (state["pending"] or {}).get("message")
            state["pending"] = None
            if pending:
                return self._answer(state, pending, ask=False)
            return self._topic_reply(state, "find-a-service", "")
        if kind == "crisis" and value in self.bank.crisis_kinds:
            return self._crisis(state, "", [value])
        if kind == "topic" and value in self.bank.topics:
            return self._topic_reply(state, value, "", more=True)
        if kind == "services":
            return self._topic_reply(state, "find-a-service", "")
        # "something else": leave any flow or question and start afresh, keeping who we talk with
        state["flow"] = None
        state["pending"] = None
        return self._say(state, self.bank.chat.what_next, offers=self._starter_offers(state))

    def _continue_flow(self, state: dict, message: str) -> tuple[dict, Reply] | None:
        flow = self.bank.flows.get(state["flow"]["id"])
        step = flow.steps.get(state["flow"]["step"]) if flow else None
        if step is None:
            state["flow"] = None
            return None
        if step.input:
            state["flow"]["answers"][step.input] = message[:MAX_ANSWER]
            state["flow"]["step"] = step.next
            return self._show_step(state)
        said = _plain(message)
        for option in step.options:
            label = _plain(option.label)
            if said == label or (len(said) > 2 and (said in label or label in said)):
                state["flow"]["step"] = option.next
                return self._show_step(state)
        if step.next and said in {"ok", "okay", "yes", "next", "go on", "continue", "carry on", "yeah", "y"}:
            state["flow"]["step"] = step.next
            return self._show_step(state)
        # Anything else leaves the flow: the person has moved on, and the message is matched afresh.
        state["flow"] = None
        return None

    def _show_step(self, state: dict) -> tuple[dict, Reply]:
        flow = self.bank.flows[state["flow"]["id"]]
        step = flow.steps[state["flow"]["step"]]
        if step.set_audience:
            state["audience"] = step.set_audience
        answers = state["flow"]["answers"]
        text = re.sub(r"\{([a-z_][a-z0-9_]*)\}", lambda m: answers.get(m.group(1)) or "…", step.say)
        chat = self.bank.chat
        offers: list[dict] = []
        if step.options:
            offers = [{"label": o.label, "action": f"goto:{o.next}"} for o in step.options]
        elif step.next and not step.input:
            offers = [{"label": chat.labels["continue"], "action": f"goto:{step.next}"}]
        country = self.bank.country(state["country"])
        lines = country.for_audiences(step.services) if step.services else []
        if flow.for_young_people:
            lines = country.for_young_reader(lines)
        services = [service_info(s) for s in lines]
        articles = [self._link(self.bank.articles[slug]) for slug in step.articles if slug in self.bank.articles]
        reply = Reply(text=text.strip(), articles=articles, services=services, topic=flow.topic, flow=flow.id, step=step.id)
        if step.end:
            state["flow"] = None
            offers = self._closing_offers(state)
        else:  # a way out of every step
            offers.append({"label": chat.labels["something_else"], "action": "reset"})
        return self._finish(state, reply, offers)

    def _answer(self, state: dict, message: str, ask: bool) -> tuple[dict, Reply]:
        # One ranking: nudged towards the audience when it is known (the question below needs it unknown).
        ranked = self.matcher.rank(message, audience=state["audience"])
        if is_partner_control_request(message):
            return self._partner_control(state, message, ranked)
        # Ask whose behaviour it is only when neither the person nor the grammar has said (perspective.py).
        if ask and state["audience"] is None and audience_cue(message) is None and self._audience_unclear(ranked):
            state["pending"] = {"question": "audience", "message": message}
            offers = [{"label": label, "action": f"audience:{aud}"} for aud, label in self.bank.chat.audience_options.items()]
            return self._finish(state, Reply(text=self.bank.chat.ask_audience), offers)
        top = ranked[0]
        if top.score < CONFIDENT:
            offers = self._starter_offers(state)
            return self._say(state, self.bank.chat.not_understood, offers=offers)
        return self._topic_reply(state, top.topic, message)

    def _audience_unclear(self, ranked: list[Ranked]) -> bool:
        """True when the best topics belong to different people (me / someone hurting me / a friend)."""
        audience_of = self.matcher.audience_of
        top = ranked[0]
        if audience_of[top.topic] == "any" or top.score < CONFIDENT:
            return False
        if top.score < ASK_BELOW:
            return True
        for other in ranked[1:6]:
            other_audience = audience_of[other.topic]
            if other_audience not in ("any", audience_of[top.topic]) and top.score - other.score < ASK_MARGIN:
                return True
        return False

    def _partner_control(self, state: dict, message: str, ranked: list[Ranked]) -> tuple[dict, Reply]:
        using = [r for r in ranked if r.topic in ("separation-and-contact", "jealousy-and-checking")]
        topic = using[0].topic if using else "separation-and-contact"
        state["audience"] = state["audience"] or "using"
        country = self.bank.country(state["country"])
        reply = Reply(
            text=self.bank.chat.partner_control,
            articles=self._articles(state, topic, message),
            services=[service_info(s) for s in country.for_audiences(("using",)) if s.kind != "crisis-line"],
            topic=topic,
        )
        return self._finish(state, reply, self._offers_for_topic(state, topic))

    def _topic_reply(self, state: dict, topic: str, message: str, more: bool = False) -> tuple[dict, Reply]:
        audience = self.bank.topics[topic].audience
        if audience in AUDIENCES and state["audience"] is None:
            state["audience"] = audience
        young = bool(message) and reader(message) == "young-person"
        articles = self._articles(state, topic, message, young, skip_shown=more)
        text = self.bank.chat.topic_replies[topic]
        services = []
        if topic in SERVICE_TOPICS:
            wanted = SERVICE_TOPICS[topic] or ((state["audience"],) if state["audience"] else AUDIENCES)
            services = [service_info(s) for s in self.bank.country(state["country"]).for_audiences(wanted)]
        offers = self._offers_for_topic(state, topic, young)
        if young and self.bank.topics[topic].audience in ("experiencing", "concerned"):
            # A young person writing about what happens at home gets what is written for young people
            # first, whichever topic the words matched ("my stepdad hits my mum" reads as a relative's question).
            language = state.get("language", "en")
            mine = [self._link(a) for a in self.bank.articles.values() if a.for_young_people and a.language == language]
            articles = (mine or articles)[:ARTICLES_PER_REPLY]
            offers = _unique([{"label": f.title, "action": f"flow:{f.id}"} for f in self.bank.flows.values()
                              if f.for_young_people] + offers)
        reply = Reply(text=text, articles=articles, services=services, topic=topic)
        return self._finish(state, reply, offers)

    # --- helpers -------------------------------------------------------------------------------
    def _articles(self, state: dict, topic: str, message: str, young: bool = False,
                  skip_shown: bool = False) -> list[ArticleLink]:
        candidates = self.bank.articles_for(topic, state.get("language", "en"))
        # Articles written for young people go to a young person (perspective.reader), and only to one;
        # where a topic has none, a young person gets the others.
        candidates = [a for a in candidates if a.for_young_people == young] or candidates
        if skip_shown:
            unseen = [a for a in candidates if a.slug not in state["shown"]]
            candidates = unseen or candidates
        if message and len(candidates) > 1:
            words = set(normalise(message).split())
            candidates.sort(key=lambda a: -len(words & set(normalise(a.title + " " + a.summary).split())))
        return [self._link(a) for a in candidates[:ARTICLES_PER_REPLY]]

    @staticmethod
    def _link(article) -> ArticleLink:
        return ArticleLink(article.slug, article.title, article.summary)

    def _offers_for_topic(self, state: dict, topic: str, young: bool = False) -> list[dict]:
        chat = self.bank.chat
        flows = list(self.flow_for_topic.get(topic, []))
        for article in self.bank.articles_for(topic):
            flows += [f for f in article.flows if f not in flows]
        # A flow written for young people goes to a young person, and only to one; the others are written for adults.
        flows = [f for f in flows if self.bank.flows[f].for_young_people == young]
        offers = [{"label": self.bank.flows[f].title, "action": f"flow:{f}"} for f in flows[:2]]
        if len(self.bank.articles_for(topic)) > ARTICLES_PER_REPLY or topic in state["topics"]:
            offers.append({"label": chat.labels["more"], "action": f"topic:{topic}"})
        if topic != "find-a-service":
            offers.append({"label": chat.labels["find_service"], "action": "services"})
        offers.append({"label": chat.labels["something_else"], "action": "reset"})
        return _unique(offers)

    def _starter_offers(self, state: dict) -> list[dict]:
        chat = self.bank.chat
        if state["audience"] is None:
            offers = [{"label": label, "action": f"audience:{aud}"} for aud, label in chat.audience_options.items()]
        else:
            offers = [{"label": flow.title, "action": f"flow:{flow.id}"}
                      for flow in self.bank.flows.values()
                      if flow.audience == state["audience"] and not flow.for_young_people][:3]
        return offers + [{"label": chat.labels["find_service"], "action": "services"}]

    def _closing_offers(self, state: dict) -> list[dict]:
        chat = self.bank.chat
        return [{"label": chat.labels["find_service"], "action": "services"},
                {"label": chat.labels["something_else"], "action": "reset"}]

    def _audience_from(self, message: str, pending: str) -> str | None:
        said = _plain(message)
        for audience, label in self.bank.chat.audience_options.items():
            if said == _plain(label):
                return audience
        if re.search(r"\bsomeone elses?\b|\bsomebody elses?\b|\btheirs\b|\bhis\b|\bhers\b", said):
            # "someone else's" behaviour: towards me, or towards someone I care about
            return "experiencing" if re.search(r"\b(?:me|my|i|im)\b", normalise(pending)) else "concerned"
        hits = [aud for aud, cue in AUDIENCE_CUES.items() if re.search(cue, said)]
        return hits[0] if len(hits) == 1 else None

    def _say(self, state: dict, text: str, offers: list[dict]) -> tuple[dict, Reply]:
        return self._finish(state, Reply(text=text), offers)

    def _finish(self, state: dict, reply: Reply, offers: list[dict]) -> tuple[dict, Reply]:
        state["offers"] = offers
        if reply.topic and not reply.flow:
            state["topics"] = (state["topics"] + [reply.topic])[-MAX_TOPICS:]
        state["shown"] = (state["shown"] + [a.slug for a in reply.articles])[-MAX_TOPICS * 2:]
        country = self.bank.country(state["country"])
        final = Reply(
            text=self.bank.chat.in_channel(reply.text, state["channel"]), articles=reply.articles, quick_replies=[o["label"] for o in offers],
            services=reply.services, crisis=reply.crisis, crisis_kinds=reply.crisis_kinds, topic=reply.topic,
            flow=reply.flow, step=reply.step, emergency_number=country.emergency_number,
        )
        return state, final


def default_crisis_check(bank, matcher: TopicMatcher) -> crisis_check.CrisisCheck:
    """Patterns and meaning together: the matcher's small encoder, then the strong one (crisis.CrisisCheck).

    Patterns alone only where no encoder is loaded (lexical mode).
    """
    encoder = getattr(matcher, "encoder", None)
    if encoder is None:
        return crisis_check.CrisisCheck(None)
    return crisis_check.CrisisCheck(crisis_check.CrisisMeaning(bank, encoder),
                                    strong=crisis_check.CrisisMeaning(bank, shared_encoder(MPNET)))


def _unique(offers: list[dict]) -> list[dict]:
    """One button per label: the first offer of a label wins (a flow before the generic action)."""
    seen: set[str] = set()
    return [o for o in offers if not (o["label"] in seen or seen.add(o["label"]))]


def _plain(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]+", "", normalise(text)).strip()
