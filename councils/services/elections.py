"""The life of an election of civil-society seats (issue 9, item 6):

    draft → candidacy → habilitation → voting → counted → nominated
    (any state before nomination → cancelled, with a note)

Each phase opens only when its moment has come (`in_time`, with the times
of the edital) and what it needs is there: vacancies and the edital to open,
every candidacy decided to publish the habilitation list, the appeal window
over with no appeal pending to open the voting. Publishing the habilitation
list starts the appeal window of COUNCILS_ELECTION_APPEAL_DAYS days. The
count (`count.py`) ranks each segment; the nomination fills the seats of the
chosen gestão. Candidacies are in `candidacies.py`, ballots in `ballots.py`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civic.edits import form_values, save_changes
from civic.workflow import InvalidTransition, Step, Workflow
from entities.models import Entity

from ..models import Candidacy, Election, ElectionLog, Segment, Term, Vacancy
from ..notifications import elections as notices

S = Election.Status
C = Candidacy.Status
# Ids beyond a 64-bit integer are refused before any query.
MAX_PK = 2**63 - 1
OPEN_STATES = (S.DRAFT, S.CANDIDACY, S.HABILITATION, S.VOTING, S.COUNTED)
# Collectives have no documents to keep up to date: "not applicable" is regular.
REGULAR = (Entity.Regularity.REGULAR, Entity.Regularity.NOT_APPLICABLE)


def eligibility_refusal(entity: Entity) -> str:
    """Why the entity may neither stand nor vote ("" when it may): approved
    in the registry and with its documents regular, at this moment."""
    if entity.status != Entity.Status.APPROVED:
        return _(
            "A entidade ainda não foi aprovada no cadastro de entidades "
            "(situação: %(status)s). Só entidades aprovadas participam da eleição."
        ) % {"status": entity.get_status_display()}
    if entity.regularity not in REGULAR:
        return _(
            "Documentação vencida/faltando no cadastro de entidades "
            "(%(regularity)s). Atualize os documentos da entidade para participar."
        ) % {"regularity": entity.get_regularity_display()}
    return ""


def is_eligible(entity: Entity) -> bool:
    """The one definition of an eligible entity: approved and regular."""
    return not eligibility_refusal(entity)


def eligible_entities() -> QuerySet[Entity]:
    """Every entity that may stand and vote now (the same rule as `is_eligible`)."""
    return Entity.objects.filter(status=Entity.Status.APPROVED, regularity__in=REGULAR)


def when(value: datetime) -> str:
    """A moment as people in Betim read it."""
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


OUT_OF_TIME = {
    "publish_habilitation": lambda e: (
        _("As inscrições vão até %(when)s: a habilitação é publicada depois.")
        % {"when": when(e.candidacy_ends_at)}
    ),
    "open_voting": lambda e: (
        _(
            "A votação começa em %(start)s e só depois do prazo de recurso "
            "(até %(appeal)s)."
        )
        % {
            "start": when(e.voting_starts_at),
            "appeal": when(e.appeal_ends_at) if e.appeal_ends_at else "—",
        }
    ),
    "count": lambda e: (
        _("A votação vai até %(when)s: a apuração é depois.")
        % {"when": when(e.voting_ends_at)}
    ),
}


class ElectionWorkflow(Workflow):
    """The phases of an election; each action is the rule
    `councils.<action>_election` (staff and the council's secretariat).
    Parameters: nominate(term)."""

    model = Election
    log_model = ElectionLog
    transitions = {
        (S.DRAFT, "open"): S.CANDIDACY,
        (S.CANDIDACY, "publish_habilitation"): S.HABILITATION,
        (S.HABILITATION, "open_voting"): S.VOTING,
        (S.VOTING, "count"): S.COUNTED,
        (S.COUNTED, "nominate"): S.NOMINATED,
        **{(state, "cancel"): S.CANCELLED for state in OPEN_STATES},
    }
    action_labels = {
        "open": gettext_lazy("Abrir as inscrições"),
        "publish_habilitation": gettext_lazy("Publicar a habilitação"),
        "open_voting": gettext_lazy("Abrir a votação"),
        "count": gettext_lazy("Apurar o resultado"),
        "nominate": gettext_lazy("Nomear os eleitos"),
        "cancel": gettext_lazy("Cancelar a eleição"),
        # Steps of the history that change no status (`record()`).
        "create": gettext_lazy("Edital criado"),
        "edit": gettext_lazy("Edital alterado"),
    }
    note_required = frozenset({"cancel"})

    def in_time(self, obj, action: str, now: datetime) -> bool:
        """Each phase after the moment the edital set for it."""
        if action == "publish_habilitation":
            return now >= obj.candidacy_ends_at
        if action == "open_voting":
            return (
                obj.appeal_ends_at is not None
                and now >= obj.appeal_ends_at
                and now >= obj.voting_starts_at
            )
        if action == "count":
            return now >= obj.voting_ends_at
        return True

    def refusal(self, obj, action: str, user, now=None) -> Exception | None:
        """Why the action cannot be taken now (None when it can)."""
        now = now or timezone.now()
        if (self.status_of(obj), action) not in self.transitions:
            return InvalidTransition(
                obj.status,
                action,
                status_label=obj.get_status_display(),
                action_label=self.label(action),
            )
        if not self.has_permission(obj, action, user):
            return PermissionDenied()
        if not self.in_time(obj, action, now):
            return ValidationError(OUT_OF_TIME[action](obj))
        return None

    def check(self, step: Step) -> None:
        if not self.in_time(step.obj, step.action, step.now):
            raise ValidationError(OUT_OF_TIME[step.action](step.obj))
        check = getattr(self, f"check_{step.action}", None)
        if check:
            check(step)

    def check_open(self, step: Step) -> None:
        election = step.obj
        if not election.vacancies.exists():
            raise ValidationError(
                _("Informe as vagas de pelo menos um segmento antes de abrir.")
            )
        if not (election.edital_text.strip() or election.edital_file):
            raise ValidationError(
                {"edital_text": _("Publique o edital antes de abrir as inscrições.")}
            )

    def check_publish_habilitation(self, step: Step) -> None:
        pending = step.obj.candidacies.filter(status=C.SUBMITTED).count()
        if pending:
            raise ValidationError(
                _(
                    "Ainda há %(n)s candidatura(s) sem decisão: habilite ou "
                    "indefira cada uma, com o motivo, antes de publicar."
                )
                % {"n": pending}
            )

    def check_open_voting(self, step: Step) -> None:
        pending = step.obj.candidacies.filter(status=C.APPEALED).count()
        if pending:
            raise ValidationError(
                _("Ainda há %(n)s recurso(s) sem decisão.") % {"n": pending}
            )
        if step.now >= step.obj.voting_ends_at:
            raise ValidationError(
                _("O período de votação do edital já terminou: ajuste as datas.")
            )

    def check_nominate(self, step: Step) -> None:
        term = step.params.get("term")
        if isinstance(term, int | str):
            term = Term.objects.filter(pk=term).first()
        if term is None or term.council_id != step.obj.council_id:
            raise ValidationError({"term": _("Escolha a gestão deste conselho.")})
        if not term.act_number:
            raise ValidationError(
                {
                    "term": _(
                        "Informe o número do ato de nomeação (decreto ou portaria) "
                        "da gestão antes de nomear."
                    )
                }
            )
        step.params["term"] = term

    def apply(self, step: Step) -> None:
        from . import count

        if step.action == "publish_habilitation":
            days = settings.COUNCILS_ELECTION_APPEAL_DAYS
            step.set(
                habilitation_published_at=step.now,
                appeal_ends_at=step.now + timedelta(days=days),
            )
        elif step.action == "count":
            step.data.update(count.count_votes(step.obj))
            step.set(counted_at=step.now)
        elif step.action == "nominate":
            term = step.params["term"]
            step.data.update(count.fill_seats(step.obj, term))
            step.set(term=term)

    def after(self, step: Step, log) -> None:
        from civic.cache import invalidate_public_pages

        if step.action == "cancel":
            notices.election_cancelled(
                step.obj, note=step.note, source=step.source, actor=step.actor
            )
        else:
            notices.phase_changed(step.obj, step.action)
        transaction.on_commit(invalidate_public_pages)


workflow = ElectionWorkflow()

CIVIL_SEGMENTS = [s for s in Segment if s in Segment.civil_society()]


def vacancy_field(segment: str) -> str:
    """The form field holding the number of vacancies of a segment."""
    return f"vacancies_{segment}"


def election_save(
    *,
    election: Election,
    vacancies: dict[str, int],
    actor,
    fields: Iterable[str] | None = None,
) -> Election:
    """Create or edit an election and its vacancies; the edital, its periods
    and the vacancies change only while it is a draft (asked of the row locked
    in the transaction, whose changed `fields` alone are written)."""
    if not actor.has_perm(
        "councils.change_election" if election.pk else "councils.add_election",
        election.council if not election.pk else election,
    ):
        raise PermissionDenied
    wanted = {segment: n for segment, n in vacancies.items() if n}
    with transaction.atomic():
        created = election.pk is None
        if created:
            election.save()
        else:
            locked = Election.objects.select_for_update().get(pk=election.pk)
            if locked.status != S.DRAFT:
                raise ValidationError(
                    _(
                        "Só uma eleição em preparação pode ser editada: as regras do "
                        "edital já valem."
                    )
                )
            if not actor.has_perm("councils.change_election", locked):
                raise PermissionDenied
            save_changes(locked, form_values(election, fields))
            election = locked
        Vacancy.objects.filter(election=election).exclude(
            segment__in=list(wanted)
        ).delete()
        for segment, seats in wanted.items():
            Vacancy.objects.update_or_create(
                election=election, segment=segment, defaults={"seats": seats}
            )
        workflow.record(
            election,
            action="create" if created else "edit",
            actor=actor,
            data={"vacancies": wanted},
        )
    return election


def elections_visible(council, user) -> QuerySet[Election]:
    """The elections of a council a person may see: all but drafts, plus
    drafts for who runs the council."""
    qs = Election.objects.filter(council=council)
    if user.has_perm("councils.change_council", council):
        return qs
    return qs.filter(~Q(status=S.DRAFT))
