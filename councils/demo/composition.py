"""A council of the demo and its composition: two gestões (the previous one
ended, kept as history), seats by segment with a titular and a suplente each,
the mesa diretora, a thematic commission and the founding documents.

Everything is found by its natural key (council slug, term start, seat
position, seat + role + term...) so a second run changes nothing."""

from __future__ import annotations

from datetime import date, timedelta

from consultations.models import Body, PolicyArea

from ..models import (
    BoardPosition,
    Commission,
    Council,
    CouncilDocument,
    Mandate,
    Seat,
    Segment,
    Term,
)
from .pdf import pdf_file
from .texts import EXTRA_BODIES, CouncilSpec


def ensure_council(spec: CouncilSpec) -> Council:
    council, _created = Council.objects.get_or_create(
        slug=spec.slug,
        defaults={
            "name": spec.name,
            "acronym": spec.acronym,
            "nature": Council.Nature.DELIBERATIVE,
            "policy_area": PolicyArea.objects.filter(name=spec.area).first(),
            "summary": spec.summary,
            "creating_law": spec.creating_law,
            "contact_email": f"{spec.slug}@betim.mg.gov.br",
            "composition_rule": spec.rule,
        },
    )
    return council


def ensure_terms(council: Council, spec: CouncilSpec, today: date) -> tuple[Term, Term]:
    """The current gestão (it covers today) and the previous one, two years each."""
    start_year = today.year - 1 if today.month >= spec.term_month else today.year - 2
    current_start = date(start_year, spec.term_month, 1)
    terms = []
    for years_back in (2, 0):
        starts_on = current_start.replace(year=current_start.year - years_back)
        act_date = starts_on - timedelta(days=12)
        term, _created = Term.objects.get_or_create(
            council=council,
            starts_on=starts_on,
            defaults={
                "ends_on": starts_on.replace(year=starts_on.year + 2)
                - timedelta(days=1),
                "act_kind": Term.Act.DECREE,
                "act_number": f"{_decree(spec, years_back)}/{act_date.year}",
                "act_date": act_date,
                "is_reconduction": False,
            },
        )
        terms.append(term)
    previous, current = terms
    return previous, current


def _decree(spec: CouncilSpec, years_back: int) -> str:
    """“4.812” for the current gestão, a lower number for an older one."""
    number = int(spec.decree.replace(".", "")) - 130 * years_back
    return f"{number // 1000}.{number % 1000:03d}"


def ensure_bodies() -> None:
    for name, acronym in EXTRA_BODIES:
        Body.objects.get_or_create(name=name, defaults={"acronym": acronym})


def ensure_seats(council: Council, spec: CouncilSpec, entities) -> list[Seat]:
    seats = []
    for position, seat_spec in enumerate(spec.seats):
        seat, _created = Seat.objects.get_or_create(
            council=council,
            segment=seat_spec.segment,
            position=position,
            defaults={
                "label": seat_spec.label,
                "body": Body.objects.get(acronym=seat_spec.body)
                if seat_spec.body
                else None,
            },
        )
        seat.demo_entity = entities.get(seat_spec.entity) if seat_spec.entity else None
        seats.append(seat)
    return seats


def _mandate(seat, term, role, person, *, ended: bool) -> Mandate:
    mandate, _created = Mandate.objects.get_or_create(
        seat=seat,
        term=term,
        role=role,
        defaults={
            "person": person,
            "entity": seat.demo_entity,
            "starts_on": term.starts_on,
            "ends_on": term.ends_on if ended else None,
            "end_reason": Mandate.EndReason.TERM_END if ended else "",
        },
    )
    return mandate


def ensure_mandates(
    seats, previous: Term, current: Term, names, first_titular=None
) -> dict[int, dict[str, Mandate]]:
    """Titular and suplente in every seat of both gestões. Half of the previous
    gestão's titulars were reconducted; the rest of the history is other people.
    Returns the current mandates by seat id and role."""
    from .people import person

    T, S = Mandate.Role.TITULAR, Mandate.Role.ALTERNATE
    current_by_seat = {}
    for index, seat in enumerate(seats):
        existing = {m.role: m for m in seat.mandates.filter(term=current)}
        if len(existing) == 2:
            current_by_seat[seat.pk] = existing
            continue
        titular = (
            first_titular
            if index == _first_civil(seats) and first_titular
            else person(next(names))
        )
        alternate = person(next(names))
        past_titular = titular if index % 2 == 0 else person(next(names))
        _mandate(seat, previous, T, past_titular, ended=True)
        _mandate(seat, previous, S, person(next(names)), ended=True)
        current_by_seat[seat.pk] = {
            T: _mandate(seat, current, T, titular, ended=False),
            S: _mandate(seat, current, S, alternate, ended=False),
        }
    return current_by_seat


def _first_civil(seats) -> int:
    return next(i for i, s in enumerate(seats) if s.segment in Segment.civil_society())


def ensure_board(council, seats, mandates, previous: Term, current: Term) -> None:
    """Presidency with civil society and vice with the government, alternating
    with the previous gestão."""
    civil = mandates[seats[_first_civil(seats)].pk][Mandate.Role.TITULAR]
    government = mandates[seats[0].pk][Mandate.Role.TITULAR]
    past_president = seats[0].mandates.get(term=previous, role=Mandate.Role.TITULAR)
    BoardPosition.objects.get_or_create(
        council=council,
        role=BoardPosition.Role.PRESIDENT,
        mandate=past_president,
        defaults={"starts_on": previous.starts_on, "ends_on": previous.ends_on},
    )
    for role, mandate in (
        (BoardPosition.Role.PRESIDENT, civil),
        (BoardPosition.Role.VICE, government),
    ):
        BoardPosition.objects.get_or_create(
            council=council,
            role=role,
            ends_on=None,
            defaults={"mandate": mandate, "starts_on": current.starts_on},
        )


def ensure_commission(council, spec: CouncilSpec, seats) -> None:
    name, description = spec.commission
    commission, created = Commission.objects.get_or_create(
        council=council, name=name, defaults={"description": description}
    )
    if created:
        # Two seats of each side.
        civil = [s for s in seats if s.segment != Segment.GOVERNMENT][:2]
        commission.seats.set(seats[:2] + civil)


def ensure_documents(council, spec: CouncilSpec, current: Term) -> None:
    docs = [
        (
            CouncilDocument.Kind.LAW,
            spec.creating_law,
            date(spec.law_year, 6, 14),
            [
                f"Dispõe sobre o {spec.name} ({spec.acronym}) e dá outras providências.",
                f"Art. 1º Fica criado o {spec.name}, órgão permanente e "
                "deliberativo, vinculado à secretaria municipal responsável pela "
                "política pública.",
                f"Art. 2º {spec.summary}",
                "Documento de demonstração do Participa Betim: o texto não é o da lei.",
            ],
        ),
        (
            CouncilDocument.Kind.BYLAWS,
            f"Regimento interno do {spec.acronym}",
            current.starts_on + timedelta(days=45),
            [
                "Art. 1º O plenário reúne-se ordinariamente uma vez por mês, conforme "
                "calendário anual, e extraordinariamente por convocação da presidência "
                "ou de um terço dos conselheiros.",
                "Art. 2º A convocação das reuniões ordinárias será feita com sete dias "
                "de antecedência, e a das extraordinárias com 48 horas.",
                "Art. 3º O quórum de instalação é a maioria absoluta dos assentos com "
                "voto em primeira chamada e um terço em segunda chamada, trinta "
                "minutos depois.",
                "Art. 4º A presidência tem voto de desempate.",
                "Documento de demonstração do Participa Betim.",
            ],
        ),
        (
            CouncilDocument.Kind.DECREE,
            f"Decreto nº {current.act_number}: nomeia os conselheiros da gestão "
            f"{current}",
            current.act_date,
            [
                f"Nomeia os conselheiros titulares e suplentes do {spec.name} para "
                f"a gestão {current}.",
                "Documento de demonstração do Participa Betim.",
            ],
        ),
    ]
    for kind, title, published_on, paragraphs in docs:
        if council.documents.filter(kind=kind, title=title).exists():
            continue
        CouncilDocument.objects.create(
            council=council,
            kind=kind,
            title=title,
            published_on=published_on,
            file=pdf_file(f"{council.slug}-{kind}.pdf", title, paragraphs),
        )
