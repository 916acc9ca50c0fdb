"""CMAS's election of civil-society seats for the next gestão, with
inscriptions open, so the demo shows an election page and the candidacy form."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from consultations.selectors.agenda import local_zone

from ..models import Candidacy, Election, ElectionLog, Segment, Vacancy

EDITAL_TEXT = """\
O Conselho Municipal de Assistência Social de Betim (CMAS) torna pública a \
convocação das entidades e organizações de assistência social, das \
organizações de usuários e das de trabalhadores do SUAS para a eleição dos \
representantes da sociedade civil na próxima gestão, em foro próprio e sob a \
fiscalização do Ministério Público (Lei federal nº 8.742/1993, art. 17).

1. Podem se inscrever as entidades aprovadas e com documentação regular no \
cadastro de entidades do Participa Betim, inscritas no CMAS quando for o caso.
2. Cada entidade indica a pessoa que a representará como titular e, se quiser, \
a suplente.
3. A lista das candidaturas habilitadas será publicada ao fim das inscrições, \
com prazo de recurso.
4. Cada entidade habilitada vota uma vez no seu segmento, pela internet no \
período de votação ou na assembleia de eleição.
5. Em caso de empate, vence a entidade com cadastro mais antigo no registro."""


def ensure_election(council, current_term, entities, names, secretary):
    """The election, found by its edital number; returns it."""
    from .people import person

    now = timezone.now()
    year = timezone.localdate(now).year
    day = timezone.localdate(now)
    opened = datetime.combine(day - timedelta(days=5), time(9), tzinfo=local_zone())
    election, created = Election.objects.get_or_create(
        council=council,
        edital_number=f"01/{year}",
        defaults={
            "title": f"Eleição da sociedade civil do {council.acronym}: gestão "
            f"{current_term.ends_on.year}–{current_term.ends_on.year + 2}",
            "edital_text": EDITAL_TEXT,
            "status": Election.Status.CANDIDACY,
            "candidacy_starts_at": opened,
            "candidacy_ends_at": opened + timedelta(days=30, hours=9),
            "voting_starts_at": opened + timedelta(days=45),
            "voting_ends_at": opened + timedelta(days=45, hours=8),
        },
    )
    if not created:
        return election
    for segment in (Segment.USERS, Segment.WORKERS, Segment.ENTITIES):
        Vacancy.objects.create(election=election, segment=segment, seats=2)
    for name, segment in (
        ("Associação Comunitária dos Moradores da Citrolândia", Segment.USERS),
        ("Centro de Convivência da Pessoa Idosa Vida Plena", Segment.ENTITIES),
    ):
        Candidacy.objects.create(
            election=election,
            entity=entities[name],
            segment=segment,
            nominee=person(next(names)),
            alternate_nominee=person(next(names)),
            submitted_by=secretary,
            submitted_at=opened + timedelta(days=2),
        )
    ElectionLog.objects.create(
        election=election,
        action="open_candidacy",
        from_status=Election.Status.DRAFT,
        to_status=Election.Status.CANDIDACY,
        actor=secretary,
        created_at=opened,
    )
    return election
