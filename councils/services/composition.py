"""Is a council composed as its law says? The seats against the composition
rule, and the seats nobody holds.

- Paritária (CMAS: Lei 8.742/1993 art. 16; CMDCA: Lei 8.069/1990 art. 88):
  as many seats of the poder público as of the other segments (users,
  workers, entities and providers all sit on the non-government side).
- Saúde (Lei 8.142/1990 art. 1 §4 and Resolução CNS 453/2012, fourth
  directive): 50% of the seats for users, 25% for workers and 25% for
  government and service providers. Seats of the "entidades" segment count
  as users' entities, the usual reading of the resolution.
- Livre: no proportion to check.

Only active seats count. A seat without a current titular is reported too; a
seat without a current suplente is a lesser note. The counting is a pure
function (`rule_findings`), so the tests cover the table of cases without a
database; `composition_findings` reads a council in two queries.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import CompositionRule, Council, Mandate, Seat, Segment

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One thing wrong with a council's composition, told in pt-BR."""

    code: str  # "parity", "health_users", "health_workers", "health_managers",
    # "no_seats", "empty_seat", "no_alternate"
    message: str
    level: str = ERROR
    seat_id: int | None = None


def _side_counts(counts: Mapping[str, int]) -> tuple[int, int]:
    government = counts.get(Segment.GOVERNMENT, 0)
    return government, sum(counts.values()) - government


def rule_findings(rule: str, counts: Mapping[str, int]) -> list[Finding]:
    """What breaks `rule` in a council whose active seats per segment are `counts`."""
    total = sum(counts.values())
    if rule == CompositionRule.FREE:
        return []
    if total == 0:
        return [Finding("no_seats", _("O conselho ainda não tem assentos ativos."))]
    if rule == CompositionRule.PARITY:
        government, civil = _side_counts(counts)
        if government == civil:
            return []
        return [
            Finding(
                "parity",
                _(
                    "Composição não paritária: %(government)s assento(s) do poder "
                    "público e %(civil)s da sociedade civil; a lei pede o mesmo "
                    "número dos dois lados."
                )
                % {"government": government, "civil": civil},
            )
        ]
    if rule == CompositionRule.HEALTH:
        users = counts.get(Segment.USERS, 0) + counts.get(Segment.ENTITIES, 0)
        workers = counts.get(Segment.WORKERS, 0)
        managers = counts.get(Segment.GOVERNMENT, 0) + counts.get(Segment.PROVIDERS, 0)
        checks = (
            ("health_users", users, 2, _("usuários"), "50%"),
            ("health_workers", workers, 4, _("trabalhadores"), "25%"),
            ("health_managers", managers, 4, _("gestores e prestadores"), "25%"),
        )
        findings = []
        for code, have, share, label, percent in checks:
            if have * share != total:
                findings.append(
                    Finding(
                        code,
                        _(
                            "Segmento de %(segment)s com %(have)s de %(total)s "
                            "assentos; a regra da saúde pede %(percent)s "
                            "(%(expected)s)."
                        )
                        % {
                            "segment": label,
                            "have": have,
                            "total": total,
                            "percent": percent,
                            "expected": _expected(total, share),
                        },
                    )
                )
        return findings
    raise ValueError(f"unknown composition rule {rule!r}")


def _expected(total: int, share: int) -> str:
    if total % share:
        return _(
            "impossível com %(total)s assentos: o total deve ser múltiplo de 4"
        ) % {"total": total}
    return ngettext("%(n)s assento", "%(n)s assentos", total // share) % {
        "n": total // share
    }


def seat_findings(
    seats: Iterable[Seat], holders: set[tuple[int, str]]
) -> list[Finding]:
    """Active seats without a current titular (an error) or suplente (a note);
    `holders` holds (seat id, role) of the current mandates."""
    findings = []
    for seat in seats:
        if (seat.pk, Mandate.Role.TITULAR) not in holders:
            findings.append(
                Finding(
                    "empty_seat",
                    _("Assento sem titular: %(seat)s (%(segment)s).")
                    % {"seat": seat, "segment": seat.get_segment_display()},
                    seat_id=seat.pk,
                )
            )
        elif (seat.pk, Mandate.Role.ALTERNATE) not in holders:
            findings.append(
                Finding(
                    "no_alternate",
                    _("Assento sem suplente: %(seat)s (%(segment)s).")
                    % {"seat": seat, "segment": seat.get_segment_display()},
                    level=WARNING,
                    seat_id=seat.pk,
                )
            )
    return findings


def composition_findings(council: Council) -> list[Finding]:
    """Everything wrong with the council's current composition (two queries)."""
    seats = list(
        Seat.objects.filter(council=council, is_active=True).select_related("body")
    )
    holders = set(
        Mandate.objects.filter(
            council=council, ends_on__isnull=True, seat__is_active=True
        ).values_list("seat_id", "role")
    )
    counts = Counter(seat.segment for seat in seats)
    return rule_findings(council.composition_rule, counts) + seat_findings(
        seats, holders
    )


def councils_with_findings(
    councils: Iterable[Council],
) -> list[tuple[Council, list[Finding]]]:
    """Each of these councils whose composition has an error, with its findings
    (notes left out), for the admin home. Two queries whatever the number."""
    councils = list(councils)
    ids = [c.pk for c in councils]
    seats_by_council: dict[int, list[Seat]] = {pk: [] for pk in ids}
    for seat in Seat.objects.filter(council_id__in=ids, is_active=True).select_related(
        "body"
    ):
        seats_by_council[seat.council_id].append(seat)
    holders = set(
        Mandate.objects.filter(
            council_id__in=ids, ends_on__isnull=True, seat__is_active=True
        ).values_list("seat_id", "role")
    )
    result = []
    for council in councils:
        seats = seats_by_council[council.pk]
        findings = [
            f
            for f in rule_findings(
                council.composition_rule, Counter(s.segment for s in seats)
            )
            + seat_findings(seats, holders)
            if f.level == ERROR
        ]
        if findings:
            result.append((council, findings))
    return result
