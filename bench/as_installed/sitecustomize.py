"""Run at start-up by bench servers (bench/production_imports.py): modules a production
install would not have cannot be imported, as if they were not installed."""

import os
import sys
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from typing import Any

NOT_INSTALLED = frozenset(filter(None, os.environ.get("BENCH_NOT_INSTALLED", "").split(",")))


class NotInstalled(MetaPathFinder):
    def find_spec(self, name: str, path: Any, target: Any = None) -> ModuleSpec | None:
        if name.partition(".")[0] in NOT_INSTALLED:
            raise ModuleNotFoundError(
                f"No module named {name!r} (not installed in production)", name=name
            )
        return None


if NOT_INSTALLED:
    sys.meta_path.insert(0, NotInstalled())
