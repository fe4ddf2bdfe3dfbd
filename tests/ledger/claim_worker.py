"""A process that claims designs (run by the concurrency tests, not collected by pytest).

    python claim_worker.py URL PERSON DESIGNS_FILE START_FILE

Touches START_FILE.ready.PERSON when connected, waits until START_FILE exists (so
that all workers start together), claims every design listed in DESIGNS_FILE in
order, and prints ``won <design id>`` after each claim it won (flushed: what is
printed is committed).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from foulard.errors import LedgerError
from foulard.ledger import Ledger


def main() -> None:
    url, person, designs_file, start_file = sys.argv[1:5]
    designs = Path(designs_file).read_text().split()
    with Ledger.open(url) as ledger:
        Path(f"{start_file}.ready.{person}").touch()
        deadline = time.monotonic() + 60
        while not Path(start_file).exists():
            if time.monotonic() > deadline:
                raise SystemExit("start signal never came")
            time.sleep(0.001)
        for design_id in designs:
            try:
                result = ledger.claim(design_id, person)
            except LedgerError:
                continue
            if result.won:
                print(f"won {design_id}", flush=True)
    print("done", flush=True)


if __name__ == "__main__":
    main()
