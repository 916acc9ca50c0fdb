"""What the benchmarks share (not a test): a throwaway PostgreSQL database,
Django set up on it, gunicorn on a free local port, a load generator (wrk, or
threads when wrk is missing), percentiles and a description of the machine.

Traffic goes to 127.0.0.1 only, with bounded durations.
"""

from __future__ import annotations

import concurrent.futures
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"


def database_url(admin_url: str, name: str) -> str:
    parts = urlsplit(admin_url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def admin_sql(admin_url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(admin_url.replace("postgres://", "postgresql://", 1)) as conn:
        conn.autocommit = True
        for statement in statements:
            conn.execute(statement)


def recreate_database(admin_url: str, name: str) -> None:
    admin_sql(
        admin_url,
        f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
        f'CREATE DATABASE "{name}"',
    )


def drop_database(admin_url: str, name: str) -> None:
    admin_sql(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def latency_summary(values: list[float]) -> dict:
    """p50, p95 and max of some timings, in ms rounded to a tenth."""
    return {
        "p50": round(statistics.median(values), 1),
        "p95": round(percentile(values, 95), 1),
        "max": round(max(values), 1),
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(
    url: str,
    workers: int,
    *,
    ready_path: str = "/entidades/",
    env: dict[str, str | None] | None = None,
) -> tuple[subprocess.Popen, int]:
    """gunicorn (sync workers) on a free local port, once `ready_path` answers.
    `env` adds variables to the environment (None removes one)."""
    port = free_port()
    overrides = {
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        **(env or {}),
    }
    env = {**os.environ, **overrides}
    for name, value in overrides.items():
        if value is None:
            env.pop(name)
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "civic.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(
                f"http://127.0.0.1:{port}{ready_path}", timeout=5
            ).read()
            return process, port
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise RuntimeError("gunicorn did not start")


WRK_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("BENCH %%d %%d %%d %%d %%d %%d\\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), summary.duration))
end
"""


def run_wrk(port: int, connections: int, duration: int, paths: list[str]) -> dict:
    script = WRK_SCRIPT % ", ".join(json.dumps(p) for p in paths)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        # A short warm-up, then the measured run.
        subprocess.run(
            [
                "wrk",
                "-t1",
                f"-c{connections}",
                "-d2s",
                "-s",
                handle.name,
                f"http://127.0.0.1:{port}",
            ],
            capture_output=True,
            check=True,
            timeout=60,
        )
        output = subprocess.run(
            [
                "wrk",
                f"-t{min(2, connections)}",
                f"-c{connections}",
                f"-d{duration}s",
                "--timeout",
                "10s",
                "-s",
                handle.name,
                f"http://127.0.0.1:{port}",
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=duration + 60,
        ).stdout
    finally:
        os.unlink(handle.name)
    line = next(ln for ln in output.splitlines() if ln.startswith("BENCH "))
    requests, errors, p50, p95, p99, micros = (int(x) for x in line.split()[1:])
    return {
        "tool": "wrk",
        "connections": connections,
        "requests": requests,
        "errors": errors,
        "rps": round(requests / (micros / 1e6), 1),
        "p50": round(p50 / 1000, 1),
        "p95": round(p95 / 1000, 1),
        "p99": round(p99 / 1000, 1),
    }


def run_threads(port: int, connections: int, duration: int, paths: list[str]) -> dict:
    """Fallback load generator: `connections` threads, each looping for `duration` s."""
    deadline = time.monotonic() + duration
    latencies: list[float] = []
    errors = 0

    def worker(offset: int) -> tuple[list[float], int]:
        mine, failed, i = [], 0, offset
        while time.monotonic() < deadline:
            path = paths[i % len(paths)]
            i += 1
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}{path}", timeout=10
                ) as r:
                    r.read()
                    failed += r.status != 200
            except OSError:
                failed += 1
            mine.append((time.perf_counter() - started) * 1000)
        return mine, failed

    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(connections) as pool:
        for mine, failed in pool.map(worker, range(connections)):
            latencies += mine
            errors += failed
    elapsed = time.perf_counter() - started
    return {
        "tool": "threads",
        "connections": connections,
        "requests": len(latencies),
        "errors": errors,
        "rps": round(len(latencies) / elapsed, 1),
        "p50": round(statistics.median(latencies), 1),
        "p95": round(percentile(latencies, 95), 1),
        "p99": round(percentile(latencies, 99), 1),
    }


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "postgresql": pg,
    }
