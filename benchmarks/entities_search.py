#!/usr/bin/env python
"""Benchmark of the entity directory search (issue 3). Not a test.

What it does, in order:
1. creates a throwaway PostgreSQL database (`participa_bench` by default) and
   migrates it;
2. seeds N realistic entities (default 100,000; see entity_data.py) with COPY,
   and fills the search columns in SQL with the same weights as
   `entities.services.search.search_refresh`;
3. measures directory latency in process (Django test client, the real view,
   template included): p50/p95 per query class and for the whole mix;
4. measures throughput over HTTP: gunicorn (sync, -w 2) on 127.0.0.1 and wrk
   (or a thread pool when wrk is missing) cycling through the same URLs;
5. drops the database (unless --keep).

Usage (from the project root):
    .venv/bin/python benchmarks/entities_search.py [--entities 100000] [--keep]
    .venv/bin/python benchmarks/entities_search.py --reuse   # skip create + seed

The anonymous page cache is off (benchmarks/settings.py), so every request
really searches; figures go to docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import (
    DEFAULT_ADMIN_URL,
    database_url,
    drop_database,
    latency_summary,
    machine,
    recreate_database,
    run_threads,
    run_wrk,
    setup_django,
    start_gunicorn,
)

# (class, query string). Selective searches are what people type; broad single
# words match a large share of the table and stress ranking.
QUERIES = [
    ("selective", "q=associacao+moradores+citrolandia"),
    ("selective", "q=capoeira"),
    ("selective", "q=creche+comunitaria+sao+jose"),
    ("selective", "q=nascentes+paraopeba"),
    ("selective", "q=Instituto+Maria"),
    ("selective", "q=catadores"),
    ("selective", "q=congado"),
    ("selective", "q=judô+jiu-jítsu"),
    ("selective", "q=ONG+proteção+animal+Teresópolis"),
    ("selective", "q=assoc+esport"),
    ("broad", "q=associacao"),
    ("broad", "q=saude"),
    ("broad", "q=betim"),
    ("broad", "q=comunitaria"),
    ("filters", "area=saude"),
    ("filters", "regional=centro&area=cultura-e-arte"),
    ("filters", "bairro=citrolandia&regularidade=regular"),
    ("filters", "q=criancas&regional=norte"),
    ("browse", ""),
    ("browse", "page=200"),
]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--database", default="participa_bench")
    parser.add_argument(
        "--admin-url",
        default=os.environ.get("BENCH_ADMIN_DATABASE_URL", DEFAULT_ADMIN_URL),
        help="A PostgreSQL URL allowed to create and drop databases.",
    )
    parser.add_argument(
        "--repeat", type=int, default=15, help="In-process runs per URL."
    )
    parser.add_argument(
        "--duration", type=int, default=15, help="Seconds per HTTP run."
    )
    parser.add_argument(
        "--connections",
        default="2,8,16",
        help="Concurrent HTTP connections, comma list.",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers.")
    parser.add_argument("--keep", action="store_true", help="Do not drop the database.")
    parser.add_argument("--reuse", action="store_true", help="Reuse a seeded database.")
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument("--json", type=Path, help="Also write the figures here.")
    return parser.parse_args()


# Seeding ------------------------------------------------------------------


def seed(count: int) -> dict:
    """COPY `count` entities and their areas, regionais and bairros; fill search columns."""
    from dateutil.relativedelta import relativedelta
    from django.db import connection
    from django.utils import timezone
    from django.utils.text import slugify

    from benchmarks.entity_data import generate
    from civic.territory.models import Bairro, Regional
    from entities.models import Area, Entity, LegalNature
    from entities.services.search import normalize
    from entities.validators import cnpj_check_digits

    started = time.perf_counter()
    areas = {a.slug: (a.pk, a.name) for a in Area.objects.all()}
    natures = dict(LegalNature.objects.values_list("code", "pk"))
    regionais = {r.slug: r.pk for r in Regional.objects.all()}
    bairro_rows = list(Bairro.objects.active().select_related("regional"))
    bairro_ids = {b.slug: b.pk for b in bairro_rows}
    bairros = [(b.slug, b.name, b.regional.slug, b.regional.name) for b in bairro_rows]

    fields = list(Entity._meta.concrete_fields)
    columns = [f.column for f in fields]
    now = timezone.now()
    today = timezone.localdate()
    m2m = {"areas": [], "regionais": [], "bairros": []}
    search_rows = []

    with connection.cursor() as cursor:
        with cursor.cursor.copy(
            f"COPY entities_entity ({', '.join(columns)}) FROM STDIN"
        ) as copy:
            for pk, item in enumerate(generate(count, bairros=bairros), start=1):
                cnpj = ""
                if item.kind == "osc":
                    base = f"{pk:08d}0001"
                    cnpj = base + cnpj_check_digits(base)
                approved_at = None
                renewal = None
                if item.status == "approved":
                    approved_at = now - relativedelta(days=pk % 700)
                    renewal = (approved_at + relativedelta(months=12)).date()
                values = {
                    "id": pk,
                    "kind": item.kind,
                    "cnpj": cnpj,
                    "name": item.name,
                    "trade_name": item.trade_name,
                    "slug": f"{slugify(item.name)[:100]}-{pk}",
                    "legal_nature_id": natures.get(item.nature)
                    if item.nature
                    else None,
                    "summary": item.summary,
                    "neighbourhood": item.neighbourhood,
                    "status": item.status,
                    "regularity": item.regularity,
                    "source": "self",
                    "approved_at": approved_at,
                    "data_confirmed_at": approved_at,
                    "renewal_due_on": renewal,
                    "submitted_at": approved_at,
                    "created_at": now,
                    "updated_at": now,
                    "publish_contact": True,
                    "email": f"contato{pk}@entidade.example.org",
                    "city": "Betim",
                    "state": "MG",
                }
                copy.write_row(
                    [
                        values[f.attname] if f.attname in values else f.get_default()
                        for f in fields
                    ]
                )
                area_names = []
                for slug in item.areas:
                    area_pk, area_name = areas[slug]
                    m2m["areas"].append((pk, area_pk))
                    area_names.append(area_name)
                m2m["regionais"].append((pk, regionais[item.regional[0]]))
                for slug, _name in item.bairros:
                    m2m["bairros"].append((pk, bairro_ids[slug]))
                names = " ".join(filter(None, [item.name, item.trade_name, cnpj]))
                places = " ".join(
                    area_names
                    + [n for _s, n in item.bairros]
                    + [item.regional[1], item.neighbourhood]
                )
                search_rows.append(
                    (pk, normalize(names), normalize(places), normalize(item.summary))
                )
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('entities_entity', 'id'), %s)",
            [count],
        )
        for name, column in (
            ("areas", "area_id"),
            ("regionais", "regional_id"),
            ("bairros", "bairro_id"),
        ):
            table = getattr(Entity, name).through._meta.db_table
            with cursor.cursor.copy(
                f"COPY {table} (entity_id, {column}) FROM STDIN"
            ) as copy:
                for row in m2m[name]:
                    copy.write_row(row)
        cursor.execute(
            "CREATE TEMP TABLE bench_search (id bigint primary key, names text, places text, summary text)"
        )
        with cursor.cursor.copy("COPY bench_search FROM STDIN") as copy:
            for row in search_rows:
                copy.write_row(row)
        # The same document as search_refresh builds, in one statement.
        cursor.execute(
            """
            UPDATE entities_entity e SET
                search_text = s.names || ' ' || s.places || ' ' || s.summary,
                search_document =
                    setweight(to_tsvector('portuguese', s.names), 'A')
                    || setweight(to_tsvector('portuguese', s.places), 'B')
                    || setweight(to_tsvector('portuguese', s.summary), 'C')
            FROM bench_search s WHERE s.id = e.id
            """
        )
        cursor.execute("DROP TABLE bench_search")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    approved = Entity.objects.listed().count()
    return {
        "entities": count,
        "approved": approved,
        "seconds": round(time.perf_counter() - started, 1),
        "today": str(today),
    }


# Measuring ----------------------------------------------------------------


def matches(query: str) -> int:
    """How many entities the directory finds for a query string."""
    from django.http import QueryDict

    from entities.public_filters import DirectoryFilterForm
    from entities.selectors import directory_filter_options, entities_directory

    form = DirectoryFilterForm(QueryDict(query), options=directory_filter_options())
    return entities_directory(**form.selector_kwargs()).count()


def measure_in_process(repeat: int) -> dict:
    """Time each directory URL through the Django test client (view + template)."""
    from django.test import Client
    from django.urls import reverse

    client = Client()
    base = reverse("entities:directory")
    timings: dict[str, list[float]] = {}
    counts = {}
    for _cls, query in QUERIES:  # warm-up: connections, templates, caches
        response = client.get(f"{base}?{query}")
        assert response.status_code == 200, (query, response.status_code)
        counts[query] = matches(query)
    for _ in range(repeat):
        for cls, query in QUERIES:
            started = time.perf_counter()
            response = client.get(f"{base}?{query}")
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200
            timings.setdefault(cls, []).append(elapsed)
            timings.setdefault(f"url:{query}", []).append(elapsed)
    classes = ("selective", "broad", "filters", "browse")
    result = {cls: latency_summary(timings[cls]) for cls in classes}
    result["search"] = latency_summary(timings["selective"] + timings["broad"])
    result["mix"] = latency_summary([t for cls in classes for t in timings[cls]])
    result["per_url"] = {
        query: {"matches": counts[query], **latency_summary(timings[f"url:{query}"])}
        for _cls, query in QUERIES
    }
    return result


def measure_http(url: str, args: argparse.Namespace) -> list[dict]:
    # Percent-encoded, as a browser sends them (and as Lua string literals allow).
    paths = [
        f"/entidades/?{urllib.parse.quote(q, safe='=&+')}" if q else "/entidades/"
        for _c, q in QUERIES
    ]
    process, port = start_gunicorn(url, args.workers)
    runner = run_wrk if shutil.which("wrk") else run_threads
    try:
        return [
            runner(port, int(c), args.duration, paths)
            for c in args.connections.split(",")
        ]
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> int:
    args = parse_args()
    url = database_url(args.admin_url, args.database)
    if not args.reuse:
        print(f"Creating database {args.database} ...", flush=True)
        recreate_database(args.admin_url, args.database)
    setup_django(url)
    from django.core.management import call_command

    report: dict = {}
    try:
        if not args.reuse:
            call_command("migrate", verbosity=0, interactive=False)
            print(f"Seeding {args.entities:,} entities ...", flush=True)
            report["seed"] = seed(args.entities)
            print(f"  done in {report['seed']['seconds']} s", flush=True)
        report["machine"] = machine()
        print("Measuring in process ...", flush=True)
        report["in_process"] = measure_in_process(args.repeat)
        if not args.skip_http:
            print("Measuring over HTTP ...", flush=True)
            from django.db import connections

            connections.close_all()
            report["http"] = measure_http(url, args)
    finally:
        if not args.keep and not args.reuse:
            from django.db import connections

            connections.close_all()
            drop_database(args.admin_url, args.database)
    print_report(report)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


def print_report(report: dict) -> None:
    print()
    print("Machine:", json.dumps(report.get("machine", {}), ensure_ascii=False))
    if "seed" in report:
        print("Seed:", json.dumps(report["seed"]))
    print("\nIn-process latency (ms), Django test client, real view and template:")
    print("| class | p50 | p95 | max |\n|---|---:|---:|---:|")
    for cls in ("selective", "broad", "search", "filters", "browse", "mix"):
        row = report["in_process"][cls]
        print(f"| {cls} | {row['p50']} | {row['p95']} | {row['max']} |")
    print("\nPer URL (matches, p50, p95 ms):")
    for query, row in report["in_process"]["per_url"].items():
        print(
            f"  {query or '(no query)':45} {row['matches']:>7} {row['p50']:>7} {row['p95']:>7}"
        )
    for run in report.get("http", []):
        print(
            f"\nHTTP ({run['tool']}, {run['connections']} connections): {run['rps']} req/s, "
            f"p50 {run['p50']} ms, p95 {run['p95']} ms, p99 {run['p99']} ms, "
            f"{run['requests']} requests, {run['errors']} errors"
        )


if __name__ == "__main__":
    sys.exit(main())
