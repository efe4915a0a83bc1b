"""What a student would save, measured before it exists: the bench's in-process turns (changepath.bench) with
all-mpnet-base-v2 as the second reader, or with a stand-in of the student's cost in its place (MiniLM's int8
graph and a 384 -> 768 projection). Speed only: the stand-in's crisis calls mean nothing.

    .venv/bin/python training/reader/speed.py mpnet|student [TURNS]   (run both, alternately, more than once)
"""
from __future__ import annotations

import sys
from dataclasses import replace

import numpy as np

from changepath import bench
from changepath.conversation import engine
from changepath.conversation.embedding import EPS, MINILM, MPNET, shared_encoder


class StandIn:
    hidden = 768

    def __init__(self):
        self.inner = shared_encoder(MINILM)
        self.tokenizer = self.inner.tokenizer
        self.model = replace(MINILM, name="stand-in", sha256="stand-in")
        self.name = "stand-in"
        self.projection = np.random.default_rng(0).standard_normal((384, 768)).astype(np.float32)

    def encode(self, texts: list[str]) -> np.ndarray:
        vectors = self.inner.encode(texts) @ self.projection
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), EPS)


if __name__ == "__main__":
    reader = sys.argv[1]
    if reader == "student":
        real = engine.shared_encoder
        engine.shared_encoder = lambda model=MINILM: StandIn() if model is MPNET else real(model)
    figures = bench.in_process(int(sys.argv[2]) if len(sys.argv) > 2 else 600)
    print(reader, {k: round(v, 1) for k, v in figures.items()})
