"""Chinese word segmentation for the search index, remembered between builds.

Material's search plugin segments every Chinese run of every page with jieba on every build:
about a fifth of a build of the real site (bench/results), and jieba's dictionary takes 0.7 s to
load before the first word. Nearly all of that text is unchanged from one build to the next, so
the segmented text is kept in a file keyed by the text itself; a build where nothing changed
segments nothing and never loads the dictionary. The file records what the segmentation
depends on (Material's and jieba's versions, the dictionaries), and a file made with anything
else is ignored. It keeps only what the last build used, so it never grows past one site's text.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

FORMAT = 1


def stamp(search_config: Any) -> str:
    """What segmentation depends on, as one string; a cache with another stamp is not used."""
    from importlib.metadata import version

    parts: dict[str, Any] = {"format": FORMAT, "material": version("mkdocs-material"), "jieba": version("jieba")}
    for key in ("jieba_dict", "jieba_dict_user"):
        path = search_config.get(key) if search_config is not None else None
        if path:
            p = Path(path)
            parts[key] = [str(path), hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else None]
    return json.dumps(parts, sort_keys=True)


class SegmentCache:
    def __init__(self, path: Path, stamp: str) -> None:
        self.path = path
        self.stamp = stamp
        self.known: dict[str, str] = {}
        self.used: dict[str, str] = {}
        self.hits = self.misses = 0
        self.problem: str | None = None  # why an existing file was not used
        try:
            data = json.loads(path.read_bytes())
        except FileNotFoundError:
            return
        except (OSError, ValueError) as e:
            self.problem = f"unreadable ({e.__class__.__name__}: {e})"
            return
        if not isinstance(data, dict) or data.get("stamp") != stamp or not isinstance(data.get("segments"), dict):
            self.problem = "made by other versions or settings"
            return
        self.known = {k: v for k, v in data["segments"].items() if isinstance(k, str) and isinstance(v, str)}

    def wrap(self, segment: Callable[[str], str]) -> Callable[[str], str]:
        """``segment`` (Material's ``SearchIndex._segment_chinese``), answered from the cache where it can."""
        def cached(data: str) -> str:
            out = self.used.get(data)
            if out is None:
                out = self.known.get(data)
                if out is None:
                    out = segment(data)
                    self.misses += 1
                else:
                    self.hits += 1
                self.used[data] = out
            return out
        return cached

    def save(self) -> None:
        """Write what this build used, atomically (a build killed midway leaves the old file)."""
        if not self.misses and len(self.used) == len(self.known):
            return  # unchanged
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"stamp": self.stamp, "segments": self.used}, ensure_ascii=False, separators=(",", ":")),
                       encoding="utf-8")
        os.replace(tmp, self.path)
