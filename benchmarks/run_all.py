"""Run every benchmark script and print their JSON result lines.

python benchmarks/run_all.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

SCRIPTS = [
    "bench_preview.py",
    "bench_master.py",
    "bench_order.py",
    "bench_space.py",
    "bench_batch.py",
    "bench_library.py",
    "bench_tilings.py",
    "bench_styles.py",
    "bench_operators.py",
    "bench_peers.py",
    "bench_model.py",
    "eval_prompts.py",
    "bench_studio.py",
]


def main() -> int:
    failed = 0
    for script in SCRIPTS:
        proc = subprocess.run([sys.executable, str(HERE / script)], cwd=HERE, check=False)
        failed += proc.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
