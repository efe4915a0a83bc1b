"""`changepath bench`: how fast and how big the help chat is, measured, not asserted.

1. In-process latency of one chat turn (crisis check, guard, matching, reply) with the whole
   knowledge bank loaded, separately for short messages and long letters, p50 and p99.
2. Turns per second over HTTP: a production server (gunicorn) on this machine, with N concurrent
   sessions each holding its own conversation through the JSON API.
3. Peak memory (max RSS) of the process that ran the in-process part, and of one server worker.

Messages come from the labelled sets the project ships (eval/*.jsonl and the development set when
it is beside the project), so a turn is a realistic mix; targets live in docs/EVALUATION.md.
"""

from __future__ import annotations

import json
import os
import random
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_P99_MS = 30.0


def _messages() -> list[str]:
    texts = []
    for path in sorted((ROOT / "eval").glob("*.jsonl")):
        if path.exists():
            texts += [json.loads(line)["text"] for line in path.read_text().splitlines() if line.strip()]
    if not texts:
        raise SystemExit("no messages to benchmark with: eval/*.jsonl is missing")
    return texts


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def machine() -> str:
    """What the figures were measured on: int8 speed depends on the CPU's dot-product instructions."""
    model, flags = "unknown CPU", set()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "model name":
                model = value.strip()
            elif key.strip() == "flags":
                flags = set(value.split())
    except OSError:
        pass
    vnni = "with" if flags & {"avx512_vnni", "avx_vnni"} else "without"
    return f"{model}, {os.cpu_count()} cores, {vnni} int8 dot-product instructions (VNNI)"


def in_process(turns: int) -> dict:
    from changepath.conversation import Engine, new_state
    from changepath.knowledge import load_bank

    started = time.perf_counter()
    engine = Engine(load_bank())
    load_seconds = time.perf_counter() - started
    messages = _messages()
    rng = random.Random(7)
    for text in messages[:20]:  # warm caches and BLAS threads
        engine.reply(new_state(), text)
    crisis_ms: list[float] = []
    assess = engine.crisis.assess

    def timed(message):  # the crisis check's share of each turn
        t = time.perf_counter()
        try:
            return assess(message)
        finally:
            crisis_ms.append((time.perf_counter() - t) * 1000)

    engine.crisis.assess = timed
    short, long = [], []
    state = new_state()
    for i in range(turns):
        text = rng.choice(messages)
        if i % 6 == 0:
            state = new_state()  # conversations of a few turns, as people have them
        t = time.perf_counter()
        state, _ = engine.reply(state, text)
        elapsed = (time.perf_counter() - t) * 1000
        (long if len(text) >= 250 else short).append(elapsed)
    every = short + long
    return {
        "load_seconds": load_seconds,
        "turns": len(every),
        "p50": _percentile(every, 50), "p99": _percentile(every, 99),
        "short_n": len(short), "short_p50": _percentile(short, 50), "short_p99": _percentile(short, 99),
        "long_n": len(long), "long_p50": _percentile(long, 50) if long else 0, "long_p99": _percentile(long, 99) if long else 0,
        "crisis_p50": _percentile(crisis_ms, 50), "crisis_p99": _percentile(crisis_ms, 99),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def over_http(sessions: int, seconds: float) -> dict:
    port = _free_port()
    env = dict(os.environ, CHANGEPATH_ALLOWED_HOSTS="127.0.0.1", CHANGEPATH_VAR_DIR=tempfile.mkdtemp(prefix="cp-bench-"))
    server = subprocess.Popen(
        [sys.executable, "-m", "changepath.cli", "serve", "--production", "--port", str(port), "--workers", "2"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        deadline = time.time() + 120
        while time.time() < deadline:
            line = server.stdout.readline()
            if "running at" in line or server.poll() is not None:
                break
        _wait_for(port)
        messages = _messages()
        counts, latencies, errors = [0] * sessions, [], []
        stop = time.time() + seconds

        def session(index: int) -> None:
            rng = random.Random(index)
            token = None
            while time.time() < stop:
                body = json.dumps({"message": rng.choice(messages)[:2000], "state": token}).encode()
                request = urllib.request.Request(f"http://127.0.0.1:{port}/api/chat", body, {"Content-Type": "application/json"})
                t = time.perf_counter()
                try:
                    with urllib.request.urlopen(request, timeout=30) as response:
                        token = json.loads(response.read())["state"]
                except Exception as exc:  # noqa: BLE001 - a failed turn is counted, not fatal
                    errors.append(str(exc))
                    continue
                latencies.append((time.perf_counter() - t) * 1000)
                counts[index] += 1

        threads = [threading.Thread(target=session, args=(i,)) for i in range(sessions)]
        started = time.time()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.time() - started
        worker_rss = _children_rss_mb(server.pid)
        return {
            "sessions": sessions, "turns": sum(counts), "seconds": elapsed, "tps": sum(counts) / elapsed,
            "p50": statistics.median(latencies) if latencies else 0, "p99": _percentile(latencies, 99) if latencies else 0,
            "errors": len(errors), "worker_rss_mb": worker_rss,
        }
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()


def _wait_for(port: int) -> None:
    for _ in range(600):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the benchmark server did not start")


def _children_rss_mb(pid: int) -> float:
    """The largest resident size among the server's worker processes (Linux /proc)."""
    largest = 0.0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
        if fields.get("PPid", "").strip() == str(pid):
            largest = max(largest, int(fields.get("VmRSS", "0 kB").split()[0]) / 1024)
    return largest


def run(args) -> int:
    result = in_process(args.turns)
    print(f"machine: {machine()}")
    print(f"knowledge bank and models loaded in {result['load_seconds']:.2f} s")
    print(f"in-process, {result['turns']} turns: p50 {result['p50']:.1f} ms, p99 {result['p99']:.1f} ms "
          f"(target p99 <= {TARGET_P99_MS:.0f} ms)")
    print(f"  short messages ({result['short_n']}): p50 {result['short_p50']:.1f} ms, p99 {result['short_p99']:.1f} ms")
    print(f"  long letters, 250+ characters ({result['long_n']}): p50 {result['long_p50']:.1f} ms, p99 {result['long_p99']:.1f} ms")
    print(f"  of which the crisis check: p50 {result['crisis_p50']:.1f} ms, p99 {result['crisis_p99']:.1f} ms")
    print(f"  peak memory of this process: {result['peak_rss_mb']:.0f} MB")
    if not args.no_http:
        http = over_http(args.sessions, args.seconds)
        print(f"HTTP, gunicorn with 2 workers, {http['sessions']} concurrent sessions for {http['seconds']:.1f} s: "
              f"{http['tps']:.1f} turns/s, p50 {http['p50']:.0f} ms, p99 {http['p99']:.0f} ms, {http['errors']} errors; "
              f"largest worker {http['worker_rss_mb']:.0f} MB")
    verdict = "met" if result["p99"] <= TARGET_P99_MS else "NOT met"
    print(f"target p99 <= {TARGET_P99_MS:.0f} ms in-process: {verdict}")
    return 0
