"""Read use cases of public consultations: the list, a consultation's page, a
device's page, and the final report.

Each page costs a fixed number of queries whatever the number of contributions:
counts are aggregated in the database, contributions come a page at a time with
their replies in one prefetch, and what the viewer did (supports, reports) is
one query over the ids on the page.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, Sum, Value, When
from django.utils.translation import gettext as _

from civic.querysets import given

from ..models import (
    AbuseReport,
    Consultation,
    ConsultationDocument,
    Contribution,
    Device,
    PolicyArea,
    Support,
)

S = Consultation.Status
C = Contribution
PUBLIC_STATUSES = (S.OPEN, S.SCHEDULED, S.CLOSED, S.ANSWERED)
POSITIONS = tuple(C.Position.values)


def consultations_public(*, area: PolicyArea | None = None, status: str | None = None):
    """Public consultations: open ones first (closing soonest first), then the
    scheduled (opening soonest first), then closed and answered (latest first)."""
    queryset = (
        Consultation.objects.public()
        .select_related("policy_area", "responsible_body")
        .filter(**given(policy_area=area, status=status))
    )
    return queryset.annotate(
        _group=Case(
            When(status=S.OPEN, then=Value(0)),
            When(status=S.SCHEDULED, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        ),
        _soon=Case(
            When(status=S.OPEN, then=F("closes_at")),
            When(status=S.SCHEDULED, then=F("opens_at")),
            default=None,
        ),
    ).order_by("_group", F("_soon").asc(nulls_last=True), "-closes_at", "pk")


def consultation_for_page(*, slug: str, user) -> Consultation:
    """The consultation at this address, if the person may see it (drafts only
    for the staff who run consultations, as a preview)."""
    consultation = Consultation.objects.select_related(
        "policy_area", "responsible_body"
    ).get(slug=slug)
    if not user.has_perm("consultations.view_consultation", consultation):
        raise Consultation.DoesNotExist
    return consultation


def document_for_download(*, consultation: Consultation, pk) -> ConsultationDocument:
    """A document of this consultation (DoesNotExist for another's)."""
    return ConsultationDocument.objects.get(pk=pk, consultation=consultation)


def consultation_attachments(consultation: Consultation) -> dict[str, list]:
    """The documents and affected bairros shown beside the text."""
    return {
        "documents": list(consultation.documents.all()),
        "bairros": list(consultation.bairros.all()),
    }


def device_citation(device: Device, by_pk: dict[int, Device]) -> str:
    """How a device is cited: "Art. 2º, § 1º, III, a)", or "Trecho 3"."""
    parts = []
    node = device
    while node is not None:
        parts.append(node.label or _trecho(node))
        node = by_pk.get(node.parent_id) if node.parent_id else None
    return ", ".join(reversed(parts))


def device_citations(devices) -> dict[int, str]:
    """How each of these devices is cited, by id (one query)."""
    devices = list(devices.only("pk", "parent_id", "label", "anchor", "kind"))
    by_pk = {d.pk: d for d in devices}
    return {d.pk: device_citation(d, by_pk) for d in devices}


def _trecho(device: Device) -> str:
    number = device.anchor.rsplit("-", 1)[-1]
    return _("Trecho %(number)s") % {"number": number}


def _published_top_level(consultation: Consultation):
    return Contribution.objects.filter(
        consultation=consultation,
        parent__isnull=True,
        moderation=C.Moderation.PUBLISHED,
    )


def consultation_devices(consultation: Consultation) -> list[Device]:
    """The devices in reading order, each with its citation and the count of
    published contributions on it by position (`counts`, `total`)."""
    devices = list(
        Device.objects.filter(consultation=consultation).order_by("position")
    )
    by_pk = {d.pk: d for d in devices}
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for device_id, position, n in (
        _published_top_level(consultation)
        .filter(device__isnull=False)
        .values_list("device_id", "position")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[device_id][position] = n
    for device in devices:
        device.consultation = consultation  # for get_absolute_url, no query
        device.citation = device_citation(device, by_pk)
        device.counts = {p: counts[device.pk].get(p, 0) for p in POSITIONS}
        device.total = sum(device.counts.values())
    return devices


def visible_to(user) -> Q:
    """Contributions a person sees: published ones, those removed by moderation
    (shown as removed, without their text), and their own awaiting moderation."""
    visible = Q(moderation__in=(C.Moderation.PUBLISHED, C.Moderation.HIDDEN))
    if user.is_authenticated:
        visible |= Q(moderation=C.Moderation.PENDING, author_id=user.pk)
    return visible


def contributions_for_page(*, consultation: Consultation, user, device=None):
    """Top-level contributions (general ones, or those on `device`), newest
    first, with their replies (oldest first) in one prefetch. Paginate it."""
    visible = visible_to(user)
    replies = (
        Contribution.objects.filter(visible)
        .select_related("author", "on_behalf_of")
        .order_by("created_at", "pk")
    )
    queryset = Contribution.objects.filter(
        visible, consultation=consultation, parent__isnull=True
    )
    if device is None:
        queryset = queryset.filter(device__isnull=True)
    else:
        queryset = queryset.filter(device=device)
    return (
        queryset.select_related("author", "on_behalf_of", "device")
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("-created_at", "-pk")
    )


def contribution_for_viewer(*, pk, user) -> Contribution:
    """A contribution someone may act on (reply, support, report): its
    consultation or event is visible to them, and one awaiting moderation only
    to its author. DoesNotExist otherwise."""
    contribution = Contribution.objects.select_related(
        "consultation", "event", "device", "author", "on_behalf_of", "parent"
    ).get(pk=pk)
    if contribution.consultation_id:
        visible = user.has_perm(
            "consultations.view_consultation", contribution.consultation
        )
    else:
        visible = user.has_perm("consultations.view_event", contribution.event)
    if contribution.moderation == C.Moderation.PENDING:
        visible = visible and contribution.author_id == user.pk
    if not visible:
        raise Contribution.DoesNotExist
    return contribution


@dataclass
class ViewerState:
    """What the viewer did to the contributions on a page."""

    supported: set[int] = field(default_factory=set)
    reported: set[int] = field(default_factory=set)


def viewer_state(*, user, contributions) -> ViewerState:
    """Supports and reports of `user` among these contributions and their replies
    (two queries, whatever the page size)."""
    if not user.is_authenticated:
        return ViewerState()
    ids = []
    for contribution in contributions:
        ids.append(contribution.pk)
        ids.extend(reply.pk for reply in contribution.replies.all())
    if not ids:
        return ViewerState()
    return ViewerState(
        supported=set(
            Support.objects.filter(user=user, contribution_id__in=ids).values_list(
                "contribution_id", flat=True
            )
        ),
        reported=set(
            AbuseReport.objects.filter(user=user, contribution_id__in=ids).values_list(
                "contribution_id", flat=True
            )
        ),
    )


def entities_to_act_for(user):
    """Approved entities the person represents: whom they may speak for."""
    from entities.models import Entity

    if not user.is_authenticated:
        return Entity.objects.none()
    return Entity.objects.filter(
        representatives__user=user, status=Entity.Status.APPROVED
    ).order_by("name")


@dataclass
class Report:
    """The figures and contributions of a consultation's final report."""

    consultation: Consultation
    devices: list[Device]
    bairros: list[tuple[str, int]]
    contributions: list[Contribution]
    totals: dict[str, int]
    answers: list[tuple[str, str, int]]


def report_contributions(consultation: Consultation, *, replies: bool = False):
    """The contributions in the report, in the order of the text (general ones
    first), removed ones included (shown as removed); replies only if asked."""
    queryset = Contribution.objects.filter(consultation=consultation).exclude(
        moderation=C.Moderation.PENDING
    )
    if not replies:
        queryset = queryset.filter(parent__isnull=True)
    return queryset.select_related(
        "author", "on_behalf_of", "device", "bairro"
    ).order_by(F("device__position").asc(nulls_first=True), "created_at", "pk")


def report_csv_contributions(consultation: Consultation):
    """The rows of `relatorio.csv`: every contribution and reply of the report,
    oldest first, and how each device is cited (by device id)."""
    contributions = report_contributions(consultation, replies=True).order_by(
        "created_at", "pk"
    )
    citations = device_citations(Device.objects.filter(consultation=consultation))
    return contributions, citations


def consultation_report(consultation: Consultation) -> Report:
    """Counts per device (by position), per bairro and per answer, and every
    top-level contribution with its devolutiva."""
    devices = consultation_devices(consultation)
    by_pk = {d.pk: d for d in devices}
    published = _published_top_level(consultation)
    bairros = [
        (name or _("Não informado"), n)
        for name, n in published.values_list("bairro__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "bairro__name")
    ]
    contributions = list(report_contributions(consultation))
    for contribution in contributions:
        contribution.citation = (
            by_pk[contribution.device_id].citation if contribution.device_id else ""
        )
    answer_labels = dict(C.Answer.choices)
    answer_counts = dict(
        published.exclude(answer="")
        .values_list("answer")
        .annotate(n=Count("pk"))
        .order_by()
    )
    answers = [
        (value, answer_labels[value], answer_counts.get(value, 0))
        for value in C.Answer.values
    ]
    aggregates = Contribution.objects.filter(consultation=consultation).aggregate(
        contributions=Count(
            "pk", filter=Q(parent__isnull=True, moderation=C.Moderation.PUBLISHED)
        ),
        general=Count(
            "pk",
            filter=Q(
                parent__isnull=True,
                device__isnull=True,
                moderation=C.Moderation.PUBLISHED,
            ),
        ),
        replies=Count(
            "pk", filter=Q(parent__isnull=False, moderation=C.Moderation.PUBLISHED)
        ),
        removed=Count("pk", filter=Q(moderation=C.Moderation.HIDDEN)),
        participants=Count(
            "author",
            distinct=True,
            filter=~Q(moderation=C.Moderation.PENDING),
        ),
        supports=Sum("support_count", filter=Q(moderation=C.Moderation.PUBLISHED)),
    )
    totals = {k: v or 0 for k, v in aggregates.items()}
    return Report(
        consultation=consultation,
        devices=devices,
        bairros=bairros,
        contributions=contributions,
        totals=totals,
        answers=answers,
    )
