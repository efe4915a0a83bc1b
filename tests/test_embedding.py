"""The sentence encoder: the numpy reference gives sentence-transformers' vectors (similarities from
dependency-notes.md), and the int8 ONNX graph the service runs stays close to the reference."""

import numpy as np
import pytest

from changepath.conversation import embedding_graph
from changepath.conversation.embedding import SentenceEncoder, shared_encoder

SENTENCES = [
    "I'm frightened of my boyfriend",
    "I am scared of my partner",
    "What is the weather tomorrow",
    "he had his hands round my neck last night and I couldn't breathe",
    "hi",
    "Is shouting at your partner every day a form of abuse?",
    "my ex keeps turning up at the school gates and I don't know what to do about it",
    "I've been on the programme for six weeks and my wife says she can see a difference",
    "cant sleep, keep thinking about what i did to her",
    "What's the legal position on sharing information about a perpetrator with the police?",
    " ".join(["We have been together eleven years and he has never hit me, but he controls the money,"
              " checks my phone, tells me what to wear and who I can see, and I feel like I am losing myself."] * 3),
]


@pytest.fixture(scope="module")
def reference():
    return SentenceEncoder(runtime="numpy")


def test_the_reference_gives_the_known_similarities_of_all_minilm_l6_v2(reference):
    a, b, c = reference.encode(SENTENCES[:3])
    assert abs(float(a @ b) - 0.73) < 0.01
    assert abs(float(a @ c) - 0.07) < 0.01


def test_the_reference_is_unit_length_and_batch_independent(reference):
    texts = ["short", "a much longer sentence about feeling worried about my own behaviour at home"]
    together = reference.encode(texts)
    alone = np.vstack([reference.encode([t]) for t in texts])
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    assert np.allclose(together, alone, atol=1e-5)


def test_the_int8_graph_agrees_with_the_reference(reference):
    fast = shared_encoder()
    assert fast.name.startswith("onnx-int8")
    ours, theirs = fast.encode(SENTENCES), reference.encode(SENTENCES)
    cosines = (ours * theirs).sum(axis=1)
    assert cosines.min() > 0.98 and cosines.mean() > 0.995, cosines
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-4)
    # What the chat relies on: which of two texts is closer stays the same when the gap is real.
    sims_ours, sims_theirs = ours @ ours.T, theirs @ theirs.T
    assert np.abs(sims_ours - sims_theirs).max() < 0.05


def test_the_same_text_always_gets_the_same_vector():
    # int8 activations are scaled per batch, so batch-mates nudge a vector slightly; a message is
    # always batched the same way, so the same message always reads the same.
    encoder = shared_encoder()
    first = encoder.encode(SENTENCES)
    encoder._recent.clear()
    assert (encoder.encode(SENTENCES) == first).all()
    alone = np.vstack([encoder.encode([t]) for t in SENTENCES[:4]])
    assert ((alone * first[:4]).sum(axis=1) > 0.99).all()


def test_the_graph_is_built_once_and_then_read_from_the_cache(tmp_path, monkeypatch):
    first = SentenceEncoder(cache_dir=tmp_path)
    assert len(list(tmp_path.glob("minilm-onnx-int8-*.onnx"))) == 1

    def never(_weights):
        raise AssertionError("the cached graph should have been used")

    monkeypatch.setattr(embedding_graph, "build_int8", never)
    second = SentenceEncoder(cache_dir=tmp_path)
    assert (first.encode(SENTENCES[:3]) == second.encode(SENTENCES[:3])).all()


def test_an_unknown_runtime_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="onnx.*numpy"):
        SentenceEncoder(runtime="torch")
