"""Where lintnews keeps its per-user caches (pack specs, compiled regexes, the prefilter's
index, word frequencies): ``$XDG_CACHE_HOME/lintnews/<name>`` (``~/.cache/lintnews/<name>``).

``$LINTNEWS_PACK_CACHE`` moves them: that folder holds the pack caches itself and the others
in sub-folders; set to an empty string it turns these caches off.
"""

from __future__ import annotations

import os
import pickle
from typing import Any


def cache_dir(name: str = "packs") -> str | None:
    """The folder of one per-user cache, or None when caching is turned off."""
    base = os.environ.get("LINTNEWS_PACK_CACHE")
    if base == "":
        return None
    if base is not None:
        return base if name == "packs" else os.path.join(base, name)
    xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(xdg, "lintnews", name)


def write_pickle(path: str, data: Any) -> bool:
    """Write a cache file whole or not at all (a temporary file renamed into place), its
    folder made if need be; whether it was written."""
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except (OSError, pickle.PicklingError):
        return False
    return True


def keep_newest(folder: str, prefix: str, keep: int, suffix: str = "") -> None:
    """Delete all but the ``keep`` most recently written files of ``folder`` whose names start
    with ``prefix`` and end with ``suffix`` (each rule-pack edit makes a new cache file)."""
    try:
        names = [n for n in os.listdir(folder) if n.startswith(prefix) and n.endswith(suffix)]
        if len(names) <= keep:
            return
        paths = sorted((os.path.join(folder, n) for n in names), key=os.path.getmtime)
        for p in paths[: len(paths) - keep]:
            os.unlink(p)
    except OSError:
        pass
