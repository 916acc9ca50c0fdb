"""The demo's consultations: one open, with contributions, replies and
supports; one answered, with its final report."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from civic.accounts.models import User
from entities.models import Entity

from .. import services
from ..models import Consultation, Contribution
from .common import (
    area,
    at,
    body,
    devices_by_anchor,
    move_to_the_past,
    open_consultation,
)
from .texts import CULTURE_TEXT, GARDENS_TEXT

C = Contribution

CULTURE_SLUG = "plano-municipal-de-cultura-2027-2036"
GARDENS_SLUG = "programa-municipal-de-hortas-comunitarias"


def culture_consultation(*, staff, citizen, people: list[User], now: datetime):
    if Consultation.objects.filter(slug=CULTURE_SLUG).exists():
        return None
    joana, carlos, aparecida, rafael = people
    consultation = open_consultation(
        staff=staff,
        slug=CULTURE_SLUG,
        text=CULTURE_TEXT,
        opens_at=at(timezone.localdate(now) - timedelta(days=5), 9),
        closes_at=at(timezone.localdate(now) + timedelta(days=25), 23, 59),
        title="Plano Municipal de Cultura de Betim 2027-2036",
        summary=(
            "Minuta do projeto de lei que aprova o Plano Municipal de Cultura para os "
            "próximos dez anos: princípios, objetivos, financiamento pelo Fundo "
            "Municipal de Cultura e acompanhamento pelo Conselho de Política Cultural."
        ),
        policy_area=area("Cultura"),
        responsible_body=body("SEMUC"),
        legal_basis=(
            "Lei Federal nº 12.343/2010 (Plano Nacional de Cultura); Constituição "
            "Federal, art. 216-A; Lei Orgânica do Município de Betim"
        ),
        text_intro=(
            "O texto foi construído a partir das propostas da Conferência Municipal "
            "de Cultura. Comente cada artigo: diga se concorda, se discorda ou "
            "proponha outra redação. A Secretaria de Cultura vai responder a cada "
            "contribuição no relatório final."
        ),
    )
    devices = devices_by_anchor(consultation)
    general = services.contribution_create(
        author=joana,
        consultation=consultation,
        text=(
            "O plano deveria prever uma avaliação pública a cada ano, e não só a "
            "revisão a cada quatro anos. Assim a comunidade acompanha as metas de perto."
        ),
        show_name=True,
    )
    agree = services.contribution_create(
        author=carlos,
        consultation=consultation,
        device=devices["art-3-inc-ii"],
        position=C.Position.AGREE,
        text=(
            "Muito importante reconhecer o hip-hop e as culturas de terreiro. Na "
            "regional PTB as batalhas de rima reúnem centenas de jovens toda semana."
        ),
    )
    services.contribution_create(
        author=aparecida,
        consultation=consultation,
        device=devices["art-6"],
        position=C.Position.DISAGREE,
        text=(
            "Quatro anos é muito tempo entre revisões. Sugiro revisão a cada dois anos, "
            "coincidindo com as conferências municipais."
        ),
    )
    entity = (
        Entity.objects.filter(
            representatives__user=citizen, status=Entity.Status.APPROVED
        )
        .order_by("name")
        .first()
    )
    proposal = services.contribution_create(
        author=citizen,
        consultation=consultation,
        device=devices["art-4-par-1"],
        position=C.Position.PROPOSAL,
        text=(
            "Trinta por cento ainda deixa a maior parte dos recursos no Centro. "
            "Propomos metade dos recursos para as regionais, com prioridade às que "
            "não têm equipamento cultural público."
        ),
        proposed_text=(
            "§ 1º Ao menos cinquenta por cento dos recursos do Fundo serão destinados "
            "a editais voltados a agentes culturais das regionais fora do Centro, com "
            "prioridade para as regionais sem equipamento público de cultura."
        ),
        on_behalf_of=entity,
    )
    services.contribution_reply(
        parent_id=general.pk,
        author=rafael,
        text=(
            "Concordo. Uma prestação de contas anual, junto com o relatório do Fundo "
            "previsto no art. 5º, seria o momento natural para essa avaliação."
        ),
        show_name=True,
    )
    for supporter, contribution in [
        (carlos, general),
        (aparecida, general),
        (rafael, agree),
        (joana, proposal),
        (carlos, proposal),
        (rafael, proposal),
    ]:
        services.support_toggle(
            contribution_id=contribution.pk, user=supporter, support=True
        )
    return consultation


def gardens_consultation(*, staff, people: list[User], now: datetime):
    """An answered consultation: its report, CSV and PDF, and the open-data file
    of contributions have something to show."""
    if Consultation.objects.filter(slug=GARDENS_SLUG).exists():
        return None
    joana, carlos, aparecida, rafael = people
    consultation = open_consultation(
        staff=staff,
        slug=GARDENS_SLUG,
        text=GARDENS_TEXT,
        opens_at=now - timedelta(days=60),
        closes_at=now + timedelta(days=1),
        title="Programa Municipal de Hortas Comunitárias",
        summary=(
            "Projeto de lei que cria o programa de hortas comunitárias em terrenos "
            "públicos ociosos, escolas e unidades de saúde."
        ),
        policy_area=area("Meio ambiente"),
        responsible_body=body("SEMMAD"),
        legal_basis="Lei Federal nº 11.346/2006 (Lei Orgânica de Segurança Alimentar)",
        report_summary=(
            "A consulta recebeu contribuições de moradores de três regionais. Foram "
            "acatadas a inclusão dos centros de referência da assistência social entre "
            "os locais das hortas e a prioridade às famílias em insegurança alimentar. "
            "O texto revisado segue para a Câmara Municipal."
        ),
    )
    devices = devices_by_anchor(consultation)
    answers = [
        (
            services.contribution_create(
                author=aparecida,
                consultation=consultation,
                device=devices["art-2-inc-ii"],
                position=C.Position.PROPOSAL,
                text="Os CRAS também têm espaço e atendem as famílias que mais precisam.",
                proposed_text=(
                    "II - escolas, unidades de saúde e centros de referência da "
                    "assistência social, com a participação da comunidade atendida;"
                ),
                show_name=True,
            ),
            C.Answer.ACCEPTED,
            "Proposta acatada: os CRAS foram incluídos no inciso II do art. 2º.",
        ),
        (
            services.contribution_create(
                author=joana,
                consultation=consultation,
                text="Que as famílias inscritas no CadÚnico tenham prioridade nos lotes.",
            ),
            C.Answer.PARTLY,
            "Acatada em parte: a prioridade às famílias em insegurança alimentar entra "
            "no regulamento; o CadÚnico será um dos critérios, não o único.",
        ),
        (
            services.contribution_create(
                author=carlos,
                consultation=consultation,
                device=devices["art-2-inc-iii"],
                position=C.Position.DISAGREE,
                text="Terreno particular traz insegurança para quem planta.",
            ),
            C.Answer.NOT_ACCEPTED,
            "Não acatada: o acordo com o proprietário terá prazo mínimo de dois anos, "
            "o que dá segurança ao grupo gestor e amplia as áreas disponíveis.",
        ),
    ]
    services.support_toggle(contribution_id=answers[0][0].pk, user=rafael, support=True)
    move_to_the_past(consultation=consultation, closes_at=now - timedelta(days=12))
    services.consultation_transition(
        consultation_id=consultation.pk, action="close", actor=None
    )
    for contribution, answer, justification in answers:
        services.contribution_answer(
            contribution_id=contribution.pk,
            by=staff,
            answer=answer,
            answer_text=justification,
        )
    return services.consultation_transition(
        consultation_id=consultation.pk, action="publish_report", actor=staff
    )
