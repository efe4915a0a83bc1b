"""Knowledge-bank search for people: the chat's topic ranking plus the words of each article.

One mechanism serves both: a query is matched to topics exactly as a chat message is, and the
articles of the best topics come first; BM25 over each article's full text orders and extends them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

TOPIC_SHARE = 0.6  # how much an article's score comes from its topic's rank (the rest: its own words)


@dataclass(frozen=True)
class Hit:
    slug: str
    title: str
    summary: str
    topic: str
    score: float


class ArticleSearch:
    def __init__(self, bank, matcher):
        import bm25s
        import Stemmer

        self.matcher = matcher
        self.articles = list(bank.articles.values())
        self.stemmer = Stemmer.Stemmer("english")
        corpus = [f"{a.title}\n{a.summary}\n{a.body}" for a in self.articles]
        self.bm25 = bm25s.BM25()
        self.bm25.index(bm25s.tokenize(corpus, stopwords="en", stemmer=self.stemmer, show_progress=False), show_progress=False)

    def search(self, query: str, limit: int = 8) -> list[Hit]:
        import bm25s

        query = query.strip()
        if not query:
            return []
        topic_score = {r.topic: r.score for r in self.matcher.rank(query)}
        tokens = bm25s.tokenize([query], stopwords="en", stemmer=self.stemmer, show_progress=False, return_ids=False)[0]
        words = self.bm25.get_scores(tokens) if tokens else np.zeros(len(self.articles))
        words = words / (words.max() + 1e-9) if words.max() > 0 else words
        hits = [
            Hit(a.slug, a.title, a.summary, a.topic, TOPIC_SHARE * topic_score.get(a.topic, 0.0) + (1 - TOPIC_SHARE) * float(w))
            for a, w in zip(self.articles, words)
        ]
        hits.sort(key=lambda h: -h.score)
        return hits[:limit]
