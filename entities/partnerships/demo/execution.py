"""The demo's partnerships, each taken through the real workflows with
explicit moments in the past: a termo de fomento in execution (from the
concluded chamamento) and a closed acordo de cooperação with its final
accounts approved. The plano de trabalho is written directly, as the admin's
plano page does (it has no service of its own), and logged the same way."""

from __future__ import annotations

import datetime as dt

from consultations.models import Body, PolicyArea
from entities.models import Entity

from ..models import (
    Accountability,
    Call,
    Goal,
    Installment,
    MonitoringReport,
    Partnership,
    PartnershipDocument,
    Proposal,
    TeamPosition,
)
from ..services.accounts import accountability_transition
from ..services.installments import installment_release
from ..services.monitoring import monitoring_record
from ..services.partnership_workflow import (
    partnership_transition,
    partnership_workflow,
)
from . import people
from .calls import pdf
from .texts import COOPERATION, FOMENTO

EXTRACT_PLACE = "Diário Oficial do Município de Betim (DOM)"


def _plan(partnership: Partnership, spec: dict, *, staff, now: dt.datetime) -> None:
    for position, (text, indicator, verification, quantity, unit) in enumerate(
        spec["goals"]
    ):
        Goal.objects.create(
            partnership=partnership,
            position=position,
            description=text,
            indicator=indicator,
            verification=verification,
            quantity=quantity,
            unit=unit,
            starts_on=partnership.starts_on,
            ends_on=partnership.ends_on,
        )
    for function, pay in spec.get("team", ()):
        TeamPosition.objects.create(
            partnership=partnership, function=function, monthly_pay=pay, months=12
        )
    partnership.monitoring_committee.set(people.monitoring_people())
    partnership_workflow.record(partnership, action="edit_plan", actor=staff, now=now)


def _documents(partnership: Partnership, *, staff, now: dt.datetime) -> None:
    kinds = PartnershipDocument.Kind
    for kind, title, name in (
        (kinds.INSTRUMENT, "Termo assinado", "termo.pdf"),
        (kinds.WORK_PLAN, "Plano de trabalho aprovado", "plano-de-trabalho.pdf"),
        (kinds.EXTRACT, "Extrato publicado no DOM", "extrato.pdf"),
    ):
        document = PartnershipDocument(
            partnership=partnership,
            kind=kind,
            title=title,
            is_public=True,
            uploaded_by=staff,
            uploaded_at=now,
        )
        document.file.save(name, pdf(name), save=True)


def _sign_and_publish(partnership, *, staff, signed, published) -> None:
    partnership_transition(
        partnership_id=partnership.pk,
        action="sign",
        by=staff,
        signed_on=signed.date(),
        now=signed,
    )
    partnership_transition(
        partnership_id=partnership.pk,
        action="publish_extract",
        by=staff,
        published_on=published.date(),
        place=EXTRACT_PLACE,
        now=published,
    )
    _documents(partnership, staff=staff, now=published)


def ensure_fomento(call: Call, at, *, staff) -> Partnership:
    """The termo de fomento of the concluded chamamento, in execution since
    its extrato was published: two parcelas, the first released."""
    proposal = Proposal.objects.select_related("entity").get(
        call=call, status=Proposal.Status.HABILITATED
    )
    gestor = people.gestor_account()
    starts = at(84).date()
    partnership = Partnership.objects.create(
        number=FOMENTO["number"].format(year=starts.year),
        instrument="fomento",
        origin=Partnership.Origin.CALL,
        call=call,
        proposal=proposal,
        entity=proposal.entity,
        body=call.body,
        policy_area=call.policy_area,
        council=call.council,
        object=FOMENTO["object"],
        total_value=FOMENTO["total"],
        starts_on=starts,
        ends_on=starts + dt.timedelta(days=364),
        gestor=gestor,
        gestor_act=f"Portaria SEMAS nº 118/{starts.year}",
        reality=FOMENTO["reality"],
        target_public=FOMENTO["target_public"],
        territory=FOMENTO["territory"],
        execution_form=FOMENTO["execution_form"],
        created_at=at(97),
    )
    _plan(partnership, FOMENTO, staff=staff, now=at(96))
    first, second = FOMENTO["installments"]
    Installment.objects.create(
        partnership=partnership, number=1, value=first, due_on=starts
    )
    Installment.objects.create(
        partnership=partnership,
        number=2,
        value=second,
        due_on=starts + dt.timedelta(days=182),
    )
    _sign_and_publish(partnership, staff=staff, signed=at(90), published=at(85))
    installment_release(
        installment_id=partnership.installments.get(number=1).pk,
        by=staff,
        released_on=starts,
        note="Liberada conforme o cronograma de desembolso.",
    )
    monitoring_record(
        partnership_id=partnership.pk,
        by=gestor,
        kind=MonitoringReport.Kind.VISIT,
        happened_on=at(30).date(),
        summary=(
            "Visita à sede: 74 pessoas idosas frequentando, atividades conforme o "
            "plano; listas de presença conferidas."
        ),
    )
    return partnership


def ensure_cooperation(at, *, staff, entity: Entity) -> Partnership:
    """A closed acordo de cooperação (no money), its final accounts regular."""
    starts = at(380).date()
    partnership = Partnership.objects.create(
        number=COOPERATION["number"].format(year=starts.year),
        instrument="cooperacao",
        origin=Partnership.Origin.COOPERATION,
        entity=entity,
        body=Body.objects.get(acronym="SEMMAD"),
        policy_area=PolicyArea.objects.filter(name="Meio ambiente").first(),
        object=COOPERATION["object"],
        total_value=0,
        starts_on=starts,
        ends_on=at(200).date(),
        gestor=people.gestor_account(),
        gestor_act=f"Portaria SEMMAD nº 27/{starts.year}",
        target_public=COOPERATION["target_public"],
        territory=COOPERATION["territory"],
        execution_form=COOPERATION["execution_form"],
        created_at=at(395),
    )
    _plan(partnership, COOPERATION, staff=staff, now=at(394))
    _sign_and_publish(partnership, staff=staff, signed=at(390), published=at(385))
    partnership_transition(
        partnership_id=partnership.pk, action="end_validity", by=staff, now=at(199)
    )
    final = partnership.accountabilities.get(kind=Accountability.Kind.FINAL)
    accountability_transition(
        accountability_id=final.pk,
        action="present",
        by=people.representative_of(entity),
        execution_report=COOPERATION["report"],
        goals_met=True,
        financial_report="",
        now=at(150),
    )
    accountability_transition(
        accountability_id=final.pk,
        action="approve",
        by=staff,
        note="Metas cumpridas conforme o relatório e a visita da comissão.",
        now=at(100),
    )
    partnership_transition(
        partnership_id=partnership.pk, action="close", by=staff, now=at(100)
    )
    return Partnership.objects.get(pk=partnership.pk)
