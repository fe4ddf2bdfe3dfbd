"""Shared bits of the benchmark scripts: machine facts and JSON output."""

from __future__ import annotations

import json
import os
import platform
import sys
import time


def machine() -> dict:
    return {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "date": time.strftime("%Y-%m-%d"),
    }


def emit(name: str, **figures) -> None:
    """Print one machine-readable result line."""
    print(json.dumps({"benchmark": name, **figures, **machine()}, ensure_ascii=False))
    sys.stdout.flush()


def percentile(values: list[float], q: float) -> float:
    s = sorted(values)
    k = (len(s) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)
