"""The composition check: the table of both rules, and seats nobody holds."""

import pytest

from councils.models import CompositionRule, Mandate, Segment
from councils.services.composition import (
    composition_findings,
    councils_with_findings,
    rule_findings,
)
from tests.factories.councils import SeatFactory

G, U, W, E, P = (
    Segment.GOVERNMENT,
    Segment.USERS,
    Segment.WORKERS,
    Segment.ENTITIES,
    Segment.PROVIDERS,
)


@pytest.mark.parametrize(
    ("counts", "codes"),
    [
        ({G: 3, E: 3}, []),
        ({G: 2, U: 1, W: 1}, []),  # every non-government segment is civil society
        ({G: 4, E: 3}, ["parity"]),
        ({G: 2, E: 3}, ["parity"]),
        ({G: 1, P: 1}, []),
        ({E: 2}, ["parity"]),
        ({}, ["no_seats"]),
    ],
)
def test_parity_rule(counts, codes):
    assert [f.code for f in rule_findings(CompositionRule.PARITY, counts)] == codes


@pytest.mark.parametrize(
    ("counts", "codes"),
    [
        ({U: 8, W: 4, G: 2, P: 2}, []),
        ({U: 6, E: 2, W: 4, G: 4}, []),  # entities count as users' entities
        ({U: 2, W: 1, G: 1}, []),
        ({U: 7, W: 5, G: 2, P: 2}, ["health_users", "health_workers"]),
        ({U: 8, W: 2, G: 6}, ["health_workers", "health_managers"]),
        ({U: 3, W: 1, G: 1}, ["health_users", "health_workers", "health_managers"]),
        ({G: 3, E: 3}, ["health_workers", "health_managers"]),
        ({}, ["no_seats"]),
    ],
)
def test_health_rule(counts, codes):
    assert [f.code for f in rule_findings(CompositionRule.HEALTH, counts)] == codes


@pytest.mark.parametrize("counts", [{}, {G: 5}, {U: 1, W: 7}])
def test_free_rule_checks_nothing(counts):
    assert rule_findings(CompositionRule.FREE, counts) == []


def test_messages_are_in_portuguese_with_the_numbers():
    (finding,) = rule_findings(CompositionRule.PARITY, {G: 4, E: 3})
    assert "4 assento(s) do poder público e 3 da sociedade civil" in finding.message
    findings = rule_findings(CompositionRule.HEALTH, {U: 3, W: 1, G: 1})
    assert "múltiplo de 4" in findings[0].message
    findings = rule_findings(CompositionRule.HEALTH, {U: 7, W: 5, G: 2, P: 2})
    assert "7 de 16" in findings[0].message
    assert "8 assentos" in findings[0].message


def test_a_composed_council_has_no_finding(council, django_assert_num_queries):
    with django_assert_num_queries(2):
        assert composition_findings(council) == []


def test_empty_seat_and_missing_alternate(council):
    government = council.seats.filter(segment=G).order_by("position")
    titular = Mandate.objects.get(seat=government[0], role=Mandate.Role.TITULAR)
    titular.ends_on, titular.end_reason = (
        titular.starts_on,
        Mandate.EndReason.RESIGNATION,
    )
    titular.save()
    alternate = Mandate.objects.get(seat=government[1], role=Mandate.Role.ALTERNATE)
    alternate.ends_on, alternate.end_reason = alternate.starts_on, "renuncia"
    alternate.save()
    findings = composition_findings(council)
    assert [(f.code, f.level, f.seat_id) for f in findings] == [
        ("empty_seat", "error", government[0].pk),
        ("no_alternate", "warning", government[1].pk),
    ]
    assert findings[0].message.startswith("Assento sem titular:")


def test_inactive_seats_do_not_count(council):
    SeatFactory(council=council, segment=G, is_active=False)
    assert composition_findings(council) == []
    SeatFactory(council=council, segment=G)
    codes = [f.code for f in composition_findings(council)]
    assert codes == ["parity", "empty_seat"]


def test_councils_with_findings_lists_only_broken_ones(
    council, other_council, django_assert_num_queries
):
    SeatFactory(council=other_council, segment=G)
    with django_assert_num_queries(2):
        result = councils_with_findings([council, other_council])
    assert [c for c, _f in result] == [other_council]
    assert [f.code for f in result[0][1]] == ["parity", "empty_seat"]
