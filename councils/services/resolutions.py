"""The life of a resolution: a draft the secretariat writes, published with
the next number of the year, revoked by a note or by a later resolution.

    draft --publish--> published --revoke--> revoked

Numbers are per council and per year (the local year of publication in
Betim) and have no gaps: the number is taken from `ResolutionSequence` under
a row lock inside the publishing transaction, so a publication that fails
rolls its number back with it and two publications never share one.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civic.cache import invalidate_public_pages
from civic.edits import form_values, save_changes
from civic.protocols import next_number as protocol_number
from civic.workflow import Step, Workflow

from ..models import AgendaItem, Resolution, ResolutionLog, ResolutionSequence
from ..notifications.resolutions import resolution_published
from .resolution_search import resolution_search_refresh

S = Resolution.Status


def next_number(*, council_id: int, year: int) -> int:
    """The next number of the council's year, taken under the sequence's row
    lock (`civic.protocols`); call inside a transaction (it is given back if
    that rolls back)."""
    # Numbers given outside the sequence (an import) are never reused.
    highest = Resolution.objects.filter(council_id=council_id, year=year).aggregate(
        highest=Max("number")
    )["highest"]
    return protocol_number(
        ResolutionSequence, floor=highest or 0, council_id=council_id, year=year
    )


def check_links(
    *,
    council_id: int | None,
    meeting=None,
    agenda_item=None,
    revokes: Iterable[Resolution] = (),
    amends: Iterable[Resolution] = (),
    exclude_pk: int | None = None,
) -> None:
    """The meeting and item that approved it are the council's, the item was
    approved; what it revokes or amends is a published resolution of the same
    council. Raises ValidationError naming each field."""
    errors: dict[str, list[str]] = {}
    if meeting is not None and meeting.council_id != council_id:
        errors.setdefault("meeting", []).append(
            _("A reunião escolhida é de outro conselho.")
        )
    if agenda_item is not None:
        if meeting is None:
            errors.setdefault("meeting", []).append(
                _("Informe a reunião do item de pauta.")
            )
        elif agenda_item.meeting_id != meeting.pk:
            errors.setdefault("agenda_item", []).append(
                _("O item de pauta não é desta reunião.")
            )
        if agenda_item.result != AgendaItem.Result.APPROVED:
            errors.setdefault("agenda_item", []).append(
                _(
                    "O item de pauta não foi aprovado; a resolução só pode citar um item aprovado."
                )
            )
    for name, others in (("revokes", revokes), ("amends", amends)):
        for other in others:
            if other.pk == exclude_pk:
                errors.setdefault(name, []).append(
                    _("Uma resolução não pode citar a si mesma.")
                )
            elif other.council_id != council_id:
                errors.setdefault(name, []).append(
                    _("%(resolution)s é de outro conselho.") % {"resolution": other}
                )
            elif other.status != S.PUBLISHED:
                errors.setdefault(name, []).append(
                    _("%(resolution)s não está em vigor (só resoluções publicadas).")
                    % {"resolution": other.display_number or other.title}
                )
    if errors:
        raise ValidationError(errors)


class ResolutionWorkflow(Workflow):
    """Publish a draft (numbering it) and revoke a published resolution."""

    model = Resolution
    log_model = ResolutionLog
    transitions = {
        (S.DRAFT, "publish"): S.PUBLISHED,
        (S.PUBLISHED, "revoke"): S.REVOKED,
    }
    action_labels = {
        "publish": gettext_lazy("Publicar"),
        "revoke": gettext_lazy("Revogar"),
    }
    # Lei 9.784/1999 art. 50: a revocation says why.
    note_required = frozenset({"revoke"})

    def check(self, step: Step) -> None:
        resolution = step.obj
        if step.action != "publish":
            return
        check_links(
            council_id=resolution.council_id,
            meeting=resolution.meeting,
            agenda_item=resolution.agenda_item,
            revokes=resolution.revokes.all(),
            amends=resolution.amends.all(),
            exclude_pk=resolution.pk,
        )

    def apply(self, step: Step) -> None:
        if step.action == "revoke":
            # Revoked by a later resolution, or by a decision noted here.
            step.data = {"by_resolution": step.params.get("by_resolution")}
            return
        year = timezone.localtime(step.now).year
        number = next_number(council_id=step.obj.council_id, year=year)
        step.set(year=year, number=number, published_at=step.now)
        step.data = {"number": number, "year": year}

    def after(self, step: Step, log: ResolutionLog) -> None:
        resolution = step.obj
        if step.action == "publish":
            resolution_search_refresh([resolution.pk])
            self._revoke_cited(step)
            resolution_published(resolution, actor=step.actor)
            pk = resolution.pk
            # robust: a PDF that fails to render now is rendered on first request.
            transaction.on_commit(lambda: _render_pdf_later(pk), robust=True)
        transaction.on_commit(invalidate_public_pages)

    def _revoke_cited(self, step: Step) -> None:
        """The resolutions this one revokes stop being in force with it."""
        resolution = step.obj
        note = _("Revogada pela %(resolution)s.") % {
            "resolution": resolution.display_number
        }
        cited = resolution.revokes.filter(status=S.PUBLISHED).values_list(
            "pk", flat=True
        )
        for pk in cited:
            self.run(
                pk,
                "revoke",
                actor=step.actor,
                note=note,
                now=step.now,
                by_resolution=resolution.pk,
            )


def _render_pdf_later(resolution_id: int) -> None:
    from ..tasks import resolution_render_pdf

    resolution_render_pdf.delay(resolution_id)


workflow = ResolutionWorkflow()


def resolution_publish(*, resolution_id: int, actor, now=None) -> Resolution:
    """Publish a draft with the next number of its council's year, revoke the
    resolutions it revokes, and tell followers and members."""
    return workflow.run(resolution_id, "publish", actor=actor, now=now)


def resolution_revoke(*, resolution_id: int, actor, note: str, now=None) -> Resolution:
    """Revoke a published resolution, saying why (it stays public, marked)."""
    return workflow.run(resolution_id, "revoke", actor=actor, note=note, now=now)


def resolution_save(
    *,
    resolution: Resolution,
    actor,
    subjects: Iterable | None = None,
    revokes: Iterable[Resolution] | None = None,
    amends: Iterable[Resolution] | None = None,
    fields: Iterable[str] | None = None,
) -> Resolution:
    """Create or edit a draft (only drafts change: a published resolution is
    a public act) and keep its search columns up to date. An edit writes only
    the changed `fields` onto the row locked here."""
    creating = resolution.pk is None
    permission = "councils.add_resolution" if creating else "councils.change_resolution"
    if not actor.has_perm(permission, resolution):
        raise PermissionDenied
    check_links(
        council_id=resolution.council_id,
        meeting=resolution.meeting,
        agenda_item=resolution.agenda_item,
        revokes=list(revokes or ()),
        amends=list(amends or ()),
        exclude_pk=resolution.pk,
    )
    with transaction.atomic():
        if creating:
            resolution.save()
        else:
            locked = Resolution.objects.select_for_update().get(pk=resolution.pk)
            if locked.status != S.DRAFT:
                raise ValidationError(
                    _("Só minutas podem ser editadas: esta resolução já foi publicada.")
                )
            if not actor.has_perm(permission, locked):
                raise PermissionDenied
            save_changes(locked, form_values(resolution, fields))
            resolution = locked
        if subjects is not None:
            resolution.subjects.set(subjects)
        if revokes is not None:
            resolution.revokes.set(revokes)
        if amends is not None:
            resolution.amends.set(amends)
        workflow.record(
            resolution, action="create" if creating else "edit", actor=actor
        )
        resolution_search_refresh([resolution.pk])
    return resolution
