"""Interface words in each language: the one place for every word of ours that a reader sees
around the plan's text (the text itself never comes from here). One module per language, each a
mapping of the same keys; templates read them as ``L``."""

from __future__ import annotations

from .en import EN
from .zh import ZH

LABELS: dict[str, dict[str, str]] = {"zh": ZH, "en": EN}
