"""Matches a message to topics: lexical retrieval (BM25 with stemming) fused with semantic similarity.

Both sides see the same evidence for each topic: its intent examples and its articles' titles and
summaries. Lexical retrieval is sharp on the words that carry a topic ("programme", "refuge",
"spyware"); semantic similarity carries paraphrase, slang and indirect phrasing ("things got out of
hand again"). For a long letter the semantic side also scores each passage of a few sentences, so
the point of the letter is found even when it sits in the middle of a page of context.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .embedding import cached_vectors, nearest_mean, shared_encoder
from .perspective import audience_cue
from .text import sentences

logging.getLogger("bm25s").setLevel(logging.WARNING)  # its index-building chatter is not ours to print

MODES = ("lexical", "semantic", "both")
NEIGHBOURS = 3  # a topic's semantic score is the mean of its k most similar evidence texts
LEXICAL_WEIGHT = 0.35  # share of the fused score from the lexical side (semantic: the rest)
PASSAGE_SENTENCES = 2  # a passage of a long message; long = more than this many sentences
AUDIENCE_BOOST = 0.04  # how much a known audience favours its own topics (a nudge, not a filter)


@dataclass(frozen=True)
class Evidence:
    topic: str
    text: str


@dataclass(frozen=True)
class Ranked:
    topic: str
    score: float


def build_evidence(bank) -> list[Evidence]:
    evidence = [Evidence(topic, example) for topic, examples in bank.intents.items() for example in examples]
    for article in bank.articles.values():
        evidence.append(Evidence(article.topic, article.title))
        evidence.append(Evidence(article.topic, article.summary))
    return evidence


class TopicMatcher:
    """Ranks topics for a message. Built once per process from the knowledge bank; read-only after."""

    def __init__(self, bank, encoder=None, mode: str = "both", cache_dir: Path | None = None):
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
        self.mode = mode
        self.topics = list(bank.topics)
        self.audience_of = {slug: t.audience for slug, t in bank.topics.items()}
        self.evidence = build_evidence(bank)
        self.topic_index = {t: i for i, t in enumerate(self.topics)}
        self.evidence_topic = np.array([self.topic_index[e.topic] for e in self.evidence])
        self.topic_rows = [np.flatnonzero(self.evidence_topic == t) for t in range(len(self.topics))]
        if mode in ("lexical", "both"):
            self._build_lexical()
        if mode in ("semantic", "both"):
            self.encoder = encoder or shared_encoder()
            self.vectors = cached_vectors(self.encoder, [e.text for e in self.evidence], "evidence", cache_dir)

    # --- lexical -------------------------------------------------------------------------------
    def _build_lexical(self) -> None:
        import bm25s
        import Stemmer

        self.stemmer = Stemmer.Stemmer("english")
        tokens = bm25s.tokenize([e.text for e in self.evidence], stopwords="en", stemmer=self.stemmer, show_progress=False)
        self.bm25 = bm25s.BM25()
        self.bm25.index(tokens, show_progress=False)

    def lexical_scores(self, text: str) -> np.ndarray:
        """Per topic, the best BM25 score of its evidence, squashed into 0..1 (0 when no word is shared)."""
        import bm25s

        query = bm25s.tokenize([text], stopwords="en", stemmer=self.stemmer, show_progress=False, return_ids=False)[0]
        if not query:
            return np.zeros(len(self.topics), dtype=np.float32)
        per_doc = self.bm25.get_scores(query)
        per_topic = np.zeros(len(self.topics), dtype=np.float32)
        np.maximum.at(per_topic, self.evidence_topic, per_doc)
        # A saturating map keeps one rare shared word from looking like certainty.
        return per_topic / (per_topic + 4.0)

    # --- semantic ------------------------------------------------------------------------------
    def semantic_scores(self, text: str) -> np.ndarray:
        parts = sentences(text)
        if len(parts) <= PASSAGE_SENTENCES:
            return self._knn(self.encoder.encode([text])[0])
        whole, per_sentence = self.encoder.encode_message(text, parts)  # shared with the crisis check
        # A passage's vector is the normalised mean of its sentences' vectors: no extra encoding.
        passages = per_sentence[:-1] + per_sentence[1:]
        passages /= np.linalg.norm(passages, axis=1, keepdims=True)
        return 0.5 * self._knn(whole) + 0.5 * self._knn_many(passages).max(axis=0)

    def _knn(self, vector: np.ndarray) -> np.ndarray:
        return self._knn_many(vector[None, :])[0]

    def _knn_many(self, vectors: np.ndarray) -> np.ndarray:
        """Per query and topic, the mean similarity of the topic's k nearest evidence texts."""
        return nearest_mean(vectors @ self.vectors.T, self.topic_rows, NEIGHBOURS)

    # --- both ----------------------------------------------------------------------------------
    def rank(self, text: str, audience: str | None = None) -> list[Ranked]:
        if self.mode == "lexical":
            scores = self.lexical_scores(text)
        elif self.mode == "semantic":
            scores = self.semantic_scores(text)
        else:
            scores = (1 - LEXICAL_WEIGHT) * self.semantic_scores(text) + LEXICAL_WEIGHT * self.lexical_scores(text)
        # Who the message is about: what the person told us, else what its grammar says (perspective.py).
        audience = audience or audience_cue(text)
        if audience:
            scores = scores + np.array([AUDIENCE_BOOST if self.audience_of[t] == audience else 0.0 for t in self.topics])
        order = np.argsort(-scores, kind="stable")
        return [Ranked(self.topics[i], float(scores[i])) for i in order]
