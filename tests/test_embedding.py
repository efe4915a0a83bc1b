"""The sentence encoders: the numpy reference gives sentence-transformers' vectors (similarities from
dependency-notes.md, and from sentence-transformers itself for all-mpnet-base-v2), and the int8
ONNX graphs the service runs stay close to the reference."""

import hashlib
import io
import zipfile

import numpy as np
import pytest

from changepath.conversation import embedding_graph
from changepath.conversation.embedding import MINILM, MPNET, SentenceEncoder, _Joined, relative_buckets, shared_encoder

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
    assert fast.name.startswith("minilm-onnx-int8")
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
    # Nor does an earlier turn: remembered vectors are kept per list, never mixed across batches.
    encoder = shared_encoder()
    first = encoder.encode(SENTENCES)
    encoder._recent.clear()
    alone = np.vstack([encoder.encode([t]) for t in SENTENCES[:4]])  # an earlier turn, one sentence each
    assert (encoder.encode(SENTENCES) == first).all()
    assert ((alone * first[:4]).sum(axis=1) > 0.99).all()


def test_the_graph_is_built_once_and_then_read_from_the_cache(tmp_path, monkeypatch):
    first = SentenceEncoder(cache_dir=tmp_path)
    assert len(list(tmp_path.glob("minilm-onnx-int8-*.onnx"))) == 1

    def never(*_args):
        raise AssertionError("the cached graph should have been used")

    monkeypatch.setattr(embedding_graph, "build_int8", never)
    second = SentenceEncoder(cache_dir=tmp_path)
    assert (first.encode(SENTENCES[:3]) == second.encode(SENTENCES[:3])).all()


def test_an_unknown_runtime_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="onnx.*numpy"):
        SentenceEncoder(runtime="torch")


@pytest.fixture(scope="module")
def strong_reference():
    return SentenceEncoder(MPNET, runtime="numpy")


def test_the_strong_reference_gives_the_known_similarities_of_all_mpnet_base_v2(strong_reference):
    # 0.8201 and 0.0240: sentence-transformers 5.1.2 with torch, on the same verified weights.
    a, b, c = strong_reference.encode(SENTENCES[:3])
    assert abs(float(a @ b) - 0.8201) < 0.002
    assert abs(float(a @ c) - 0.0240) < 0.002


def test_mpnet_relative_position_buckets_are_upstreams():
    # The SHA-256 of transformers' MPNetEncoder.relative_position_bucket over 384 positions (int64).
    table = relative_buckets(384, 32)
    assert hashlib.sha256(table.astype(np.int64).tobytes()).hexdigest() == (
        "24882f8a9e82135b54274d6a0afd9916f932dc4b579d9b23f05f7c644074630a")
    # Readable: keys before the query in 0-15, after it in 16-31, exact near it, logarithmic far away.
    assert table[200, [0, 150, 195, 199, 200, 201, 205, 250, 383]].tolist() == [15, 13, 5, 1, 0, 17, 21, 29, 31]


def test_the_strong_int8_graph_agrees_with_its_reference(strong_reference):
    """Without the outlier channels in float32 the mean cosine was 0.87 (embedding_graph.outlier_channels)."""
    fast = shared_encoder(MPNET)
    ours, theirs = fast.encode(SENTENCES), strong_reference.encode(SENTENCES)
    cosines = (ours * theirs).sum(axis=1)
    assert cosines.min() > 0.96 and cosines.mean() > 0.985, cosines
    sims_ours, sims_theirs = ours @ ours.T, theirs @ theirs.T
    assert np.abs(sims_ours - sims_theirs).max() < 0.08


def test_each_model_has_its_own_cached_graph_and_vectors_of_its_own_width():
    small, strong = shared_encoder(MINILM), shared_encoder(MPNET)
    assert small is shared_encoder() and small is not strong
    assert small.encode(["hi"]).shape == (1, 384) and strong.encode(["hi"]).shape == (1, 768)


def test_a_split_archive_reads_as_one(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("model/weights.bin", bytes(range(256)) * 400)
        archive.writestr("model/tokenizer.json", '{"a": 1}')
    data = buffer.getvalue()
    cuts = [0, 1000, 1001, 60000, len(data)]  # one part of a single byte, and a cut inside a member
    parts = []
    for n, (start, end) in enumerate(zip(cuts, cuts[1:])):
        parts.append(tmp_path / f"archive.zip.{n:03d}")
        parts[-1].write_bytes(data[start:end])
    joined = zipfile.ZipFile(_Joined(parts))
    assert joined.read("model/weights.bin") == bytes(range(256)) * 400
    assert joined.read("model/tokenizer.json") == b'{"a": 1}'
