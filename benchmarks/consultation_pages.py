#!/usr/bin/env python
"""Benchmark of the consultation pages (issue 4). Not a test.

Creates a throwaway PostgreSQL database (`participa_bench_consultations`),
migrates it, and builds two open consultations on the same bill: one with 10
contributions, one with N (default 5,000; a tenth of them on § 2 of art. 2, plus
replies and supports). Then, in process (Django test client, real views and
templates, page cache off), it measures for each consultation the number of SQL
queries and the p50/p95 latency of: the consultation page (first and last page
of contributions), the page of § 2, the report, and the contributions CSV.
Prints a table for docs/performance.md and drops the database.

    .venv/bin/python benchmarks/consultation_pages.py [--contributions 5000] [--repeat 30]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.harness import (  # noqa: E402
    database_url,
    drop_database,
    machine,
    percentile,
    recreate_database,
    setup_django,
)

DB_NAME = "participa_bench_consultations"
BILL = ROOT / "tests" / "consultations" / "data" / "projeto_de_lei.txt"


def build(size: int, people: list) -> object:
    from datetime import timedelta

    from django.utils import timezone

    from consultations.models import (
        Body,
        Consultation,
        Contribution,
        Device,
        PolicyArea,
        Support,
    )
    from consultations.services.devices import parse_devices

    now = timezone.now()
    consultation = Consultation.objects.create(
        title=f"Política Municipal de Hortas Comunitárias ({size})",
        slug=f"hortas-{size}",
        summary="Minuta em consulta pública.",
        policy_area=PolicyArea.objects.order_by("pk").first(),
        responsible_body=Body.objects.order_by("pk").first(),
        opens_at=now - timedelta(days=2),
        closes_at=now + timedelta(days=20),
        status=Consultation.Status.OPEN,
    )
    saved: dict[int, Device] = {}
    for item in parse_devices(BILL.read_text()):
        saved[id(item)] = Device.objects.create(
            consultation=consultation,
            parent=saved[id(item.parent)] if item.parent else None,
            kind=item.kind,
            label=item.label,
            text=item.text,
            position=item.position,
            anchor=item.anchor,
            depth=item.depth,
        )
    paragraph = Device.objects.get(consultation=consultation, anchor="art-2-par-2")
    C = Contribution
    rows = []
    for i in range(size):
        on_device = i % 10 == 0
        rows.append(
            C(
                consultation=consultation,
                author=people[i % len(people)],
                device=paragraph if on_device else None,
                position=("agree", "disagree", "proposal")[i % 3] if on_device else "",
                proposed_text="Outra redação." if on_device and i % 3 == 2 else "",
                text=f"Contribuição número {i} sobre a política de hortas.",
                show_name=i % 2 == 0,
                bairro=people[i % len(people)].bairro,
            )
        )
    created = C.objects.bulk_create(rows, batch_size=2000)
    tops = created[-100:]
    C.objects.bulk_create(
        C(consultation=consultation, parent=top, author=people[0], text="Resposta")
        for top in tops
    )
    Support.objects.bulk_create(
        Support(contribution=top, user=people[1]) for top in tops[:50]
    )
    return consultation


def pages(consultation, page_size: int, size: int) -> dict[str, str]:
    from django.urls import reverse

    slug = consultation.slug
    detail = reverse("consultations:detail", kwargs={"slug": slug})
    last = max(1, -(-size // page_size))
    return {
        "consultation, page 1": detail,
        "consultation, last page": f"{detail}?page={last}",
        "§ 2 of art. 2": reverse(
            "consultations:device", kwargs={"slug": slug, "anchor": "art-2-par-2"}
        ),
    }


def measure(client, url: str, repeat: int) -> tuple[int, float, float]:
    from django.db import connection

    # Counted with a wrapper: the request_started signal resets connection.queries.
    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    client.get(url)  # warm the per-process caches (content types, site, templates)
    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return (
        len(executed),
        percentile(timings, 50),
        percentile(timings, 95),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contributions", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--admin-url",
        default=os.environ.get(
            "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"
        ),
    )
    args = parser.parse_args()
    recreate_database(args.admin_url, DB_NAME)
    try:
        setup_django(database_url(args.admin_url, DB_NAME))
        from django.conf import settings
        from django.core.management import call_command
        from django.test import Client

        from civic.accounts.models import User

        call_command("migrate", verbosity=0)
        people = [
            User.objects.create_user(
                email=f"pessoa{i}@bench.example", password=None, full_name=f"Pessoa {i}"
            )
            for i in range(20)
        ]
        started = time.perf_counter()
        consultations = {
            10: build(10, people),
            args.contributions: build(args.contributions, people),
        }
        seeded = time.perf_counter() - started
        print(f"Seeded in {seeded:.1f} s; {machine()}")
        page_size = settings.CONSULTATIONS_CONTRIBUTIONS_PAGE_SIZE
        viewers = {"anonymous": Client(), "signed in": Client()}
        viewers["signed in"].force_login(people[3])
        print("| Page | Viewer | Contributions | Queries | p50 ms | p95 ms |")
        print("|---|---|---:|---:|---:|---:|")
        for size, consultation in consultations.items():
            for name, url in pages(consultation, page_size, size).items():
                for viewer, client in viewers.items():
                    queries, p50, p95 = measure(client, url, args.repeat)
                    print(
                        f"| {name} | {viewer} | {size:,} | {queries} | {p50:.1f} | {p95:.1f} |"
                    )
    finally:
        from django.db import connections

        connections.close_all()
        drop_database(args.admin_url, DB_NAME)
    return 0


if __name__ == "__main__":
    sys.exit(main())
