"""Benchmark (not a test): anonymous pages with and without the whole-page cache,
against a bare Django view in the same project.

    .venv/bin/python benchmarks/anonymous_pages.py [--duration 10] [--connections 32]

Creates a throwaway PostgreSQL database (`participa_bench_pages`), migrates it and
loads the demo content, then for each cache setup starts gunicorn (sync, 2
workers) and runs wrk against each URL: the bare view, the home page, the entity
directory, an entity profile, an institutional page. Prints a table for
docs/performance.md. Needs PostgreSQL, wrk, and Redis for the Redis rows.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.harness import (  # noqa: E402
    database_url,
    drop_database,
    recreate_database,
    run_wrk,
    start_gunicorn,
)

DB_NAME = "participa_bench_pages"


def manage(url: str, *args: str) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
    }
    env.pop("REDIS_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )


def start(
    url: str, *, cache: bool, redis_url: str | None
) -> tuple[subprocess.Popen, int]:
    """gunicorn with the page cache on or off, on Redis or the database cache."""
    return start_gunicorn(
        url,
        2,
        ready_path="/bench/bare/",
        env={
            "CIVIC_PAGE_CACHE_ENABLED": "true" if cache else "false",
            "REDIS_URL": redis_url,
        },
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--admin-url", default="postgres://postgres@127.0.0.1:5432/postgres"
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/5")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()

    url = database_url(args.admin_url, DB_NAME)
    recreate_database(args.admin_url, DB_NAME)
    try:
        manage(url, "migrate", "--noinput", "-v0")
        manage(url, "createcachetable")
        manage(url, "load_demo")
        os.environ["DATABASE_URL"] = url
        os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
        import django

        django.setup()
        from entities.models import Entity

        profile = Entity.objects.listed().order_by("pk").first().get_absolute_url()
        pages = {
            "bare Django view": "/bench/bare/",
            "home (Wagtail page)": "/",
            "institutional page": "/sobre/",
            "entity directory": "/entidades/",
            "entity profile": profile,
        }
        setups = [
            ("uncached", False, None),
            ("page cache on the database cache", True, None),
            ("page cache on Redis", True, args.redis_url),
        ]
        rows = []
        for label, cache, redis_url in setups:
            process, port = start(url, cache=cache, redis_url=redis_url)
            try:
                for name, path in pages.items():
                    result = run_wrk(port, args.connections, args.duration, [path])
                    rows.append((label, name, result))
                    print(
                        f"{label:34} {name:22} {result['rps']:8.1f} req/s "
                        f"p50 {result['p50']:7.1f} ms  p95 {result['p95']:7.1f} ms  "
                        f"errors {result['errors']}",
                        flush=True,
                    )
            finally:
                process.terminate()
                process.wait(timeout=30)
    finally:
        drop_database(args.admin_url, DB_NAME)

    print("\n| Setup | Page | req/s | share of bare | p50 ms | p95 ms | errors |")
    print("|---|---|---:|---:|---:|---:|---:|")
    bare = {label: r["rps"] for label, name, r in rows if name == "bare Django view"}
    for label, name, r in rows:
        share = r["rps"] / bare[label] if bare.get(label) else 0
        print(
            f"| {label} | {name} | {r['rps']:.0f} | {share:.0%} | {r['p50']} | {r['p95']} | {r['errors']} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
