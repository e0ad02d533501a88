"""Load on the web app: simulated clerks going through the whole flow against `drafter serve`.

    python bench/load_web.py [--users 20] [--seconds 60]

Starts `drafter serve` on a free 127.0.0.1 port (loopback only, its own process), then each
simulated clerk loops: open the start page, start a new county, edit fields and wait for the
preview (as app.js posts the form after each pause in typing), make one mistake and fix it,
download the .docx and the .md. Between actions a clerk thinks for THINK seconds. Prints p50
and p95 latency for preview and for download and the error count (any non-2xx answer, a
preview that should build but does not, a download that is not a .docx), and writes the
figures into bench/RESULTS.md between the web-load markers.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from webform import as_data, form_fields, replace  # noqa: E402

THINK = (2.0, 5.0)  # seconds a clerk pauses between actions: typing a field, reading the preview
TARGET_PREVIEW_P95_MS = 300
LEVELS = ("县", "区", "县级市")
START, END = "<!-- web-load -->", "<!-- /web-load -->"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = {"preview": [], "download": [], "page": []}
        self.errors: list[str] = []

    def add(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.times[kind].append(seconds * 1000)

    def error(self, text: str) -> None:
        with self.lock:
            self.errors.append(text)


def timed(stats: Stats, kind: str, call, *args, **kwargs):
    started = time.perf_counter()
    answer = call(*args, **kwargs)
    stats.add(kind, time.perf_counter() - started)
    if answer.status_code >= 300:
        stats.error(f"{kind}: HTTP {answer.status_code}")
    return answer


def clerk(url: str, n: int, until: float, stats: Stats) -> None:
    rng = random.Random(n)
    think = lambda: time.sleep(rng.uniform(*THINK))  # noqa: E731
    with httpx.Client(base_url=url, timeout=60) as http:
        rounds = 0
        while time.monotonic() < until:
            rounds += 1
            try:
                timed(stats, "page", http.get, "/")
                name = f"测试{n}{rounds % 100}县"
                level = LEVELS[(n + rounds) % 3]
                params = {"name": name, "province": "浙江省", "level": level, "kind": "试点县"}
                page = timed(stats, "page", http.get, "/new", params=params)
                fields = form_fields(page.text)
                edits = [
                    ("county.full_name", f"示例市{name}"),
                    ("notice.date", "2024-13-01"),  # a slip the preview reports
                    ("notice.date", "2024-03-01"),
                ]
                fields = fields + [("industries", "绿色食品"), ("county.population", "350000")]
                for field, value in edits:
                    think()
                    fields = replace(fields, field, value)
                    answer = timed(stats, "preview", http.post, "/preview", data=as_data(fields))
                    answer = answer.json()
                    expect_ok = value != "2024-13-01"
                    if answer["ok"] != expect_ok:
                        stats.error(f"preview ok={answer['ok']} for {field}={value}")
                think()
                docx = timed(stats, "download", http.post, "/download/docx", data=as_data(fields))
                if not zipfile.is_zipfile(io.BytesIO(docx.content)):
                    stats.error("the .docx download is not a .docx")
                md = timed(stats, "download", http.post, "/download/md", data=as_data(fields))
                if name not in md.text:
                    stats.error("the .md download is another county's")
            except Exception as exc:  # noqa: BLE001 - counted as an error, the clerk goes on
                stats.error(repr(exc))


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used (Linux /proc), to give a figure that does not
    depend on how busy the rest of the machine is."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def write_results(text: str) -> None:
    path = ROOT / "bench" / "RESULTS.md"
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    block = f"{START}\n{text}\n{END}"
    if START in old and END in old:
        new = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _m: block, old, flags=re.S)
    else:
        new = old.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(new, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--no-write", action="store_true", help="do not update bench/RESULTS.md")
    args = parser.parse_args()
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [sys.executable, "-m", "drafter", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(url + "/", timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        stats = Stats()
        load_before = os.getloadavg()[0]
        cpu_before = cpu_seconds(server.pid)
        until = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=clerk, args=(url, n, until, stats)) for n in range(args.users)
        ]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
        server_cpu = cpu_seconds(server.pid) - cpu_before
        load_after = os.getloadavg()[0]
    finally:
        server.terminate()
        server.wait(timeout=10)
    p, d = stats.times["preview"], stats.times["download"]
    rows = [
        f"Web app under load: {args.users} simulated clerks for {args.seconds:.0f} s against "
        f"`drafter serve` on 127.0.0.1 (one uvicorn process), think time {THINK[0]}–{THINK[1]} s "
        f"between actions; `python bench/load_web.py` ({elapsed:.0f} s measured, "
        f"{os.cpu_count()} cores).",
        "",
        "| request | count | p50 ms | p95 ms | target |",
        "|---|---|---|---|---|",
        f"| preview | {len(p)} | {percentile(p, 50):.0f} | {percentile(p, 95):.0f} | "
        f"p95 ≤ {TARGET_PREVIEW_P95_MS} ms: "
        f"{'met' if percentile(p, 95) <= TARGET_PREVIEW_P95_MS else 'missed'} |",
        f"| download (.docx, .md) | {len(d)} | {percentile(d, 50):.0f} | "
        f"{percentile(d, 95):.0f} | |",
        f"| errors | {len(stats.errors)} | | | 0: {'met' if not stats.errors else 'missed'} |",
    ]
    requests = sum(len(v) for v in stats.times.values())
    rows += [
        "",
        f"The server used {server_cpu:.1f} s of CPU for {requests} requests "
        f"({server_cpu / max(requests, 1) * 1000:.0f} ms a request on average, pages and "
        f"downloads included); load average {load_before:.1f} before, {load_after:.1f} after "
        f"(other work on the machine stretches the latencies, not the CPU figure).",
    ]
    if stats.errors:
        rows += ["", "First errors: " + "; ".join(sorted(set(stats.errors))[:5])]
    text = "\n".join(rows)
    print(text)
    if p:
        print(f"(preview mean {statistics.mean(p):.0f} ms, max {max(p):.0f} ms)")
    if not args.no_write:
        write_results("## Web app\n\n" + text)
    return 1 if stats.errors else 0


if __name__ == "__main__":
    sys.exit(main())
