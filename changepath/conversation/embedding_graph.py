"""all-MiniLM-L6-v2 as an int8 ONNX graph, built here from the verified safetensors weights.

The numpy encoder in embedding.py is the reference: it is short enough to read and checks out
against sentence-transformers. ONNX Runtime runs the same maths three to four times faster on a
CPU, with int8 weights and activations. There is no torch and no export step: `build_int8()`
writes the encoder (embeddings, six BERT layers, mean pooling over the attention mask, L2
normalisation) with `onnx.helper` from the same weights, then quantises its weight matmuls with
ONNX Runtime's dynamic quantiser. The result is cached (embedding.SentenceEncoder does that), so
this runs once per machine, in a few seconds.

Graph inputs:  input_ids int64 [batch, seq], attention_mask int64 [batch, seq] (1 = token, 0 =
               padding on the right, as the tokenizer gives it).
Graph output:  sentence_embedding float32 [batch, 384], unit length.

One detail matters for int8. The [CLS] token's activations are up to eight times larger than the
other tokens'; with one activation scale per tensor, the ordinary tokens would lose most of their
precision to it. Every weight matmul therefore computes the [CLS] row apart (same weights, its own
scale): exact in fp32, and in int8 it brings the vectors from a mean cosine of 0.956 to 0.997 of
the reference (tests/test_embedding.py holds the agreement).
"""

from __future__ import annotations

import logging
import os
import tempfile

import numpy as np

VERSION = "3"  # part of the cached file's name: change it whenever the graph below changes
EPS = 1e-12  # for the final unit length
OPSET = 20  # Gelu is an operator from opset 20


class _Graph:
    """Nodes and initializers with unique names, around onnx.helper."""

    def __init__(self):
        self.nodes, self.inits, self._count = [], [], 0

    def const(self, name: str, array: np.ndarray) -> str:
        from onnx import numpy_helper

        # np.array, not np.ascontiguousarray: the latter turns 0-d arrays (scalar indices) into shape [1].
        self.inits.append(numpy_helper.from_array(np.array(array, order="C", copy=True), name))
        return name

    def op(self, op_type: str, inputs: list[str], name: str | None = None, **attrs) -> str:
        from onnx import helper

        self._count += 1
        name = name or f"{op_type}_{self._count}"
        self.nodes.append(helper.make_node(op_type, inputs, [f"{name}_out"], name=name, **attrs))
        return f"{name}_out"


def build_fp32(w: dict[str, np.ndarray], model, outliers: list[np.ndarray] | None = None) -> bytes:
    """The serialized fp32 graph of the whole sentence encoder `model` (embedding.Model), from its weights `w`.

    `outliers` (per layer, channel indices) marks the feed-forward channels whose activations dwarf
    the others (see outlier_channels): their share of the output matmul stays in float32.
    """
    import onnx
    from onnx import TensorProto, helper

    g = _Graph()
    f32 = np.float32
    zero, one_i, end = (g.const(n, np.array([v], np.int64)) for n, v in (("zero", 0), ("one_i", 1), ("end", 2**62)))

    def linear(x: str, weight: str, bias: str, name: str) -> str:
        """x @ weight + bias, with the [CLS] row in a matmul of its own (see the module's docstring).

        The bias is added in each branch, before they are joined, so that ONNX Runtime folds it
        into its quantised matmul kernel instead of running a separate Add.
        """
        first = g.op("Slice", [x, zero, one_i, one_i], name=f"{name}_cls_row")
        rest = g.op("Slice", [x, one_i, end, one_i], name=f"{name}_other_rows")
        return g.op("Concat", [g.op("Add", [g.op("MatMul", [first, weight], name=f"{name}_cls"), bias]),
                               g.op("Add", [g.op("MatMul", [rest, weight], name=name), bias])], name=f"{name}_concat", axis=1)

    hidden, heads = model.hidden, model.heads
    head_dim = hidden // heads
    # Positions start at model.first_position; token type is always 0 for one sentence, so its
    # embedding folds into the position table.
    positions = w["embeddings.position_embeddings.weight"][model.first_position:]
    if model.token_type:
        positions = positions + w["embeddings.token_type_embeddings.weight"][0]
    word = g.const("word_embeddings", w["embeddings.word_embeddings.weight"].astype(f32))
    position = g.const("position_embeddings", positions.astype(f32))
    mask = g.op("Cast", ["attention_mask"], name="mask_float", to=TensorProto.FLOAT)  # [B, S]

    seq = g.op("Shape", ["input_ids"], name="seq_len", start=1, end=2)
    x = g.op("Add", [g.op("Gather", [word, "input_ids"], name="word_gather"),
                     g.op("Slice", [position, zero, seq, zero], name="positions")], name="embeddings")
    x = g.op("LayerNormalization", [x, g.const("emb_ln_g", w["embeddings.LayerNorm.weight"]),
                                    g.const("emb_ln_b", w["embeddings.LayerNorm.bias"])], axis=-1, epsilon=model.eps)
    one = g.const("one", np.array(1.0, f32))
    bias = g.op("Mul", [g.op("Sub", [one, mask]), g.const("neg_large", np.array(-1e9, f32))], name="mask_bias")
    bias = g.op("Unsqueeze", [bias, g.const("axes_1_2", np.array([1, 2], np.int64))], name="mask_bias_4d")
    if model.relative_buckets:
        # MPNet: one relative-position bias [1, heads, S, S] for every layer, looked up from a
        # bucket table cut to the sentence's length.
        from .embedding import relative_buckets

        table = g.const("rel_buckets", relative_buckets(model.max_tokens, model.relative_buckets))
        cut = g.op("Slice", [g.op("Slice", [table, zero, seq, zero]), zero, seq, one_i])  # [S, S]
        rel = g.op("Gather", [g.const("rel_bias", w["encoder.relative_attention_bias.weight"].astype(f32)), cut])
        rel = g.op("Unsqueeze", [g.op("Transpose", [rel], perm=[2, 0, 1]), zero], name="relative_bias")  # [1, h, S, S]
        bias = g.op("Add", [bias, rel], name="attn_bias")
    split_heads = g.const("shape_qkv", np.array([0, 0, 3, heads, head_dim], np.int64))
    join_heads = g.const("shape_ctx", np.array([0, 0, hidden], np.int64))
    scale = g.const("attn_scale", np.array(1.0 / np.sqrt(head_dim), f32))
    which = [g.const(f"idx{k}", np.array(k, np.int64)) for k in range(3)]

    for i in range(model.layers):
        key = {role: name.format(i=i) for role, name in model.keys.items()}

        def const(name: str, weight: str, transpose: bool = False) -> str:
            return g.const(f"l{i}_{name}", (w[weight].T if transpose else w[weight]).astype(f32))

        qkv_w = g.const(f"l{i}_qkv_w", np.concatenate([w[key[n] + ".weight"].T for n in ("q", "k", "v")], axis=1).astype(f32))
        qkv_b = g.const(f"l{i}_qkv_b", np.concatenate([w[key[n] + ".bias"] for n in ("q", "k", "v")]))
        qkv = g.op("Reshape", [linear(x, qkv_w, qkv_b, f"l{i}_qkv"), split_heads])  # [B, S, 3, h, d]
        q = g.op("Transpose", [g.op("Gather", [qkv, which[0]], axis=2)], perm=[0, 2, 1, 3])  # [B, h, S, d]
        k = g.op("Transpose", [g.op("Gather", [qkv, which[1]], axis=2)], perm=[0, 2, 3, 1])  # [B, h, d, S]
        v = g.op("Transpose", [g.op("Gather", [qkv, which[2]], axis=2)], perm=[0, 2, 1, 3])
        scores = g.op("Add", [g.op("Mul", [g.op("MatMul", [q, k], name=f"l{i}_scores"), scale]), bias])
        context = g.op("MatMul", [g.op("Softmax", [scores], axis=-1), v], name=f"l{i}_context")
        context = g.op("Reshape", [g.op("Transpose", [context], perm=[0, 2, 1, 3]), join_heads])
        attended = linear(context, const("ao_w", key["o"] + ".weight", True), const("ao_b", key["o"] + ".bias"), f"l{i}_attn_out")
        x = g.op("LayerNormalization", [g.op("Add", [x, attended]), const("ln1_g", key["ln1"] + ".weight"),
                                        const("ln1_b", key["ln1"] + ".bias")], axis=-1, epsilon=model.eps)
        h = g.op("Gelu", [linear(x, const("in_w", key["ffn_in"] + ".weight", True),
                                 const("in_b", key["ffn_in"] + ".bias"), f"l{i}_ffn_in")])  # exact (erf) GELU
        out_w = w[key["ffn_out"] + ".weight"].T.astype(f32)
        outlier = None
        if outliers is not None:  # the outlier channels' part of h @ W in fp32, the rest in int8
            channels = outliers[i]
            outlier = g.op("MatMul", [g.op("Gather", [h, g.const(f"l{i}_outliers", channels)], axis=2),
                                      g.const(f"l{i}_out_w_outliers", out_w[channels])], name=f"l{i}_ffn_out_outliers")
            keep = np.ones(out_w.shape[0], f32)
            keep[channels] = 0
            out_w = out_w * keep[:, None]
            # Zeroed in h as well, not only in W: left in h, they would still set the int8 scale.
            h = g.op("Mul", [h, g.const(f"l{i}_keep", keep)], name=f"l{i}_keep_mul")
        out = linear(h, g.const(f"l{i}_out_w", out_w), const("out_b", key["ffn_out"] + ".bias"), f"l{i}_ffn_out")
        if outlier is not None:
            out = g.op("Add", [out, outlier])
        x = g.op("LayerNormalization", [g.op("Add", [x, out]), const("ln2_g", key["ln2"] + ".weight"),
                                        const("ln2_b", key["ln2"] + ".bias")], axis=-1, epsilon=model.eps)

    # Mean pooling over real tokens ([B,1,S] @ [B,S,H]), then unit length.
    axis_1 = g.const("axis_1", np.array([1], np.int64))
    summed = g.op("Squeeze", [g.op("MatMul", [g.op("Unsqueeze", [mask, axis_1]), x], name="pool_sum"), axis_1])
    mean = g.op("Div", [summed, g.op("ReduceSum", [mask, axis_1], keepdims=1)], name="pool_mean")
    norm = g.op("Max", [g.op("ReduceL2", [mean, axis_1], keepdims=1), g.const("norm_eps", np.array(EPS, f32))])
    g.nodes.append(helper.make_node("Div", [mean, norm], ["sentence_embedding"], name="normalise"))

    graph = helper.make_graph(
        g.nodes, model.title.split("/")[-1],
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "seq"]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "seq"])],
        [helper.make_tensor_value_info("sentence_embedding", TensorProto.FLOAT, ["batch", hidden])],
        initializer=g.inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="changepath")
    model.ir_version = 9  # the IR version of opset 20
    onnx.checker.check_model(model)
    return model.SerializeToString()


def outlier_channels(w: dict[str, np.ndarray], model, texts: list[str], tokenizer) -> list[np.ndarray]:
    """Per layer, the model.outliers feed-forward channels with the largest activations on `texts`.

    Some models (MPNet: up to 50 times the median in layers 7 to 11) carry a few channels whose
    activations, entering the feed-forward output matmul, are far larger than the rest. One int8
    scale for the whole tensor then leaves the ordinary channels almost nothing (mean cosine to
    the reference 0.87). Which channels these are is a property of the weights, so a few sentences
    of any kind find them; the numpy reference runs them and records each layer's maxima.
    """
    from .embedding import _NumpyBert

    reference = _NumpyBert(w, model)
    peaks = np.zeros((model.layers, w[model.keys["ffn_in"].format(i=0) + ".weight"].shape[0]), np.float32)
    for text in texts:
        ids = np.array([tokenizer.encode(text).ids])
        reference(ids, np.ones_like(ids), peaks=peaks)
    return [np.sort(np.argsort(-row)[:model.outliers]).astype(np.int64) for row in peaks]


# Sentences to find the outlier channels by: varied in length and subject (see outlier_channels).
CALIBRATION = [
    "I'm frightened of my boyfriend and I don't know who to tell.",
    "What is the weather going to be like tomorrow?",
    "He had his hands round my neck last night and I couldn't breathe.",
    "hi",
    "I've been on the programme for six weeks and my wife says she can see a difference.",
    "cant sleep keep thinking about what i did to her",
    "What's the legal position on sharing information with the police?",
    "My son shouts at his girlfriend and I'm worried about the grandchildren.",
    "We have been together eleven years and he has never hit me, but he controls the money, checks my phone, "
    "tells me what to wear and who I can see, and I feel like I am losing myself.",
    "Is there a group near Tampere for men who want to stop being violent?",
    "The meeting moved to Thursday at ten, bring the referral forms and the risk assessment.",
    "I don't think I can go on like this any more.",
]


def build_int8(w: dict[str, np.ndarray], model, tokenizer=None) -> bytes:
    """The int8 model: weight matmuls with int8 weights per output channel, activations quantised at run time.

    For a model with `outliers`, those feed-forward channels stay float32 (outlier_channels; the
    tokenizer is needed to find them).
    """
    from onnxruntime.quantization import QuantType, quantize_dynamic

    outliers = outlier_channels(w, model, CALIBRATION, tokenizer) if model.outliers else None
    exclude = ["pool_sum"] + [f"l{i}_ffn_out_outliers" for i in range(model.layers)]

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # the quantiser's generic advice ("consider pre-processing") goes to the root logger
    try:
        with tempfile.TemporaryDirectory() as folder:
            source, target = os.path.join(folder, "fp32.onnx"), os.path.join(folder, "int8.onnx")
            with open(source, "wb") as fh:
                fh.write(build_fp32(w, model, outliers))
            quantize_dynamic(source, target, op_types_to_quantize=["MatMul"], per_channel=True,
                             weight_type=QuantType.QInt8, nodes_to_exclude=exclude,
                             extra_options={"MatMulConstBOnly": True})
            with open(target, "rb") as fh:
                return fh.read()
    finally:
        root.setLevel(level)
