"""Load on the studio: a server and a bounded load generator on loopback.

python benchmarks/bench_studio.py [--clients 100] [--duration 60] [--workers 1]

The server (``foulard serve --workers N``: SQLite, a temporary data home with the
demo deployment) runs in its own processes; the generator runs ``--clients``
concurrent clients (asyncio + httpx, one account and keep-alive connection each)
for ``--duration`` seconds, each looping over a mix of requests: a cached 256 px
preview (50 %), a page of the account's own stream (30 %), a library search by
words or colour (20 %). Prints one JSON line: requests, errors (any status but 200),
throughput, p50/p99 latency per kind and overall, the server's memory (RSS summed
over its processes; the peak is the sum of each process's peak), CPU seconds of the
server and of the generator, and the load average before and after.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from _common import emit, percentile

SERVER = "import sys; from foulard.cli.main import main; sys.exit(main())"
WORDS = ["peony", "牡丹", "lotus", "clouds", "plum", "key fret", "paisley", "blossom"]
COLOURS = ["red", "blue", "#1f3a5f", "gold", "green", "月白"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _prepare(home: Path, clients: int) -> list[str]:
    """The demo deployment plus one designer account (and token) per client."""
    os.environ["FOULARD_HOME"] = str(home)
    from foulard.db import connect
    from foulard.web.accounts import create_account, issue_token
    from foulard.web.demo import prepare_demo

    prepare_demo()
    tokens = []
    with connect(f"sqlite:///{home / 'foulard.db'}") as db:
        for i in range(clients):
            create_account(db, f"load{i:03d}", "designer")
            tokens.append(issue_token(db, f"load{i:03d}", days=1))
    return tokens


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (the uvicorn supervisor and its workers)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        for task in Path(f"/proc/{p}/task").glob("*/children"):
            todo += [int(c) for c in task.read_text().split()]
    return out


def _status_mb(pid: int, field: str) -> float:
    """A ``/proc/<pid>/status`` memory field summed over the process tree, in MB."""
    total = 0
    for p in _tree(pid):
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                total += int(line.split()[1])
    return total / 1024


def _cpu_s(pids: list[int]) -> float:
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for p in pids:
        fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime + stime
    return total / tick


async def _client(url, token, warm, stop_at, out, rng):
    async with httpx.AsyncClient(
        base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=60
    ) as c:
        while time.perf_counter() < stop_at:
            r = rng.random()
            if r < 0.5:
                kind, req = "preview", c.get(f"/api/designs/{rng.choice(warm)}/preview.png?px=256")
            elif r < 0.8:
                start = rng.randrange(0, 1000) * 12
                kind, req = "stream", c.get(f"/api/stream?start={start}&count=12&ranked=false")
            elif r < 0.9:
                kind, req = "search", c.get("/api/library/search", params={"q": rng.choice(WORDS)})
            else:
                kind = "search"
                req = c.get("/api/library/search", params={"colours": rng.choice(COLOURS)})
            t0 = time.perf_counter()
            try:
                resp = await req
                ok = resp.status_code == 200
                code = resp.status_code
            except httpx.HTTPError as exc:
                ok, code = False, type(exc).__name__
            out.append((kind, time.perf_counter() - t0, ok, code))


async def _load(url, tokens, warm, duration, seed):
    out: list = []
    stop_at = time.perf_counter() + duration
    rngs = [random.Random(seed + i) for i in range(len(tokens))]
    await asyncio.gather(
        *(_client(url, t, warm, stop_at, out, r) for t, r in zip(tokens, rngs, strict=True))
    )
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=100)
    ap.add_argument("--duration", type=float, default=60.0)
    ap.add_argument("--warm", type=int, default=24, help="designs whose previews are cached")
    ap.add_argument("--workers", type=int, default=1, help="server processes")
    ap.add_argument("--threads", type=int, default=None, help="slow-work threads per process")
    args = ap.parse_args()
    load_before = os.getloadavg()
    home = Path(tempfile.mkdtemp(prefix="foulard-bench-studio-"))
    tokens = _prepare(home, args.clients)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "FOULARD_HOME": str(home),
        "FOULARD_STUDIO_RATE_PER_S": "1000",
        "FOULARD_STUDIO_RATE_BURST": "2000",
    }
    cmd = [sys.executable, "-c", SERVER, "serve", "--port", str(port)]
    cmd += ["--workers", str(args.workers)]
    if args.threads:
        cmd += ["--threads", str(args.threads)]
    server = subprocess.Popen(cmd, env=env)
    try:
        deadline = time.monotonic() + 300
        seen: set[str] = set()
        while len(seen) < args.workers:  # every worker process up (a new connection each)
            try:
                r = httpx.get(url + "/api/health", timeout=2)
                if r.status_code == 200:
                    seen.add(r.headers["x-foulard-worker"])
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                print("the studio did not start", file=sys.stderr)
                return 1
            time.sleep(0.05 if seen else 0.2)
        auth = {"Authorization": f"Bearer {tokens[0]}"}
        page = httpx.get(url + f"/api/stream?count={args.warm}", headers=auth, timeout=120)
        warm = [d["design_id"] for d in page.json()["designs"]]
        t0 = time.perf_counter()
        for did in warm:  # render once: the benchmark measures the cached path
            httpx.get(f"{url}/api/designs/{did}/preview.png?px=256", headers=auth, timeout=120)
        warm_s = time.perf_counter() - t0
        rss_before = _status_mb(server.pid, "VmRSS")
        pids = _tree(server.pid)
        cpu_before = _cpu_s(pids), time.process_time()
        results = asyncio.run(_load(url, tokens, warm, args.duration, 20261129))
        cpu_after = _cpu_s(pids), time.process_time()
        rss_after = _status_mb(server.pid, "VmRSS")
        peak = _status_mb(server.pid, "VmHWM")
        processes = len(_tree(server.pid))
    finally:
        server.terminate()
        server.wait(60)
    errors = [r for r in results if not r[2]]
    figures = {
        "clients": args.clients,
        "duration_s": args.duration,
        "requests": len(results),
        "errors": len(errors),
        "error_codes": sorted({str(r[3]) for r in errors}),
        "throughput_rps": round(len(results) / args.duration, 1),
        "p50_ms": round(1000 * percentile([r[1] for r in results], 0.5), 1),
        "p99_ms": round(1000 * percentile([r[1] for r in results], 0.99), 1),
        "warm_previews": len(warm),
        "warm_render_s": round(warm_s, 2),
        "server_rss_mb_before": round(rss_before, 1),
        "server_rss_mb_after": round(rss_after, 1),
        "server_peak_rss_mb": round(peak, 1),
        "server_processes": processes,
        "server_cpu_s": round(cpu_after[0] - cpu_before[0], 1),
        "generator_cpu_s": round(cpu_after[1] - cpu_before[1], 1),
        "workers": args.workers,
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in os.getloadavg()],
    }
    for kind in ("preview", "stream", "search"):
        lat = [r[1] for r in results if r[0] == kind]
        if lat:
            figures[f"{kind}_n"] = len(lat)
            figures[f"{kind}_p50_ms"] = round(1000 * percentile(lat, 0.5), 1)
            figures[f"{kind}_p99_ms"] = round(1000 * percentile(lat, 0.99), 1)
    emit("studio_load", **figures)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
