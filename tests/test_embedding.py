"""The numpy MiniLM gives the vectors sentence-transformers gives (similarities from dependency-notes.md)."""

import numpy as np

from changepath.conversation.embedding import shared_encoder


def test_known_similarities_of_all_minilm_l6_v2():
    a, b, c = shared_encoder().encode(["I'm frightened of my boyfriend", "I am scared of my partner", "What is the weather tomorrow"])
    assert abs(float(a @ b) - 0.73) < 0.01
    assert abs(float(a @ c) - 0.07) < 0.01


def test_vectors_are_unit_length_and_batch_independent():
    encoder = shared_encoder()
    texts = ["short", "a much longer sentence about feeling worried about my own behaviour at home"]
    together = encoder.encode(texts)
    alone = np.vstack([encoder.encode([t]) for t in texts])
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    assert np.allclose(together, alone, atol=1e-5)
