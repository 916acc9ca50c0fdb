"""`/conselhos/minha-area/`: a conselheiro's own page. Their councils and
seats, the convocations still to come with the pauta, the documents and their
reply, and their attendance with the absence counts against the council's
limits, where a recent absence can be justified.

A personal page: login required, never cached. Whoever runs councils (their
secretariat, SRSC staff) finds links to the admin of each; someone without a
current mandate who runs none gets a friendly explanation, not an error.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civic.cache import private
from civic.workflow import WORKFLOW_ERRORS, report_workflow_error

from ..forms.member import JustifyForm, ReplyForm
from ..models import Attendance, Mandate, Meeting
from ..selectors.member import councils_run_links, member_area
from ..services.replies import justify_absence, reply_to_convocation

TEMPLATE = "councils/member/area.html"


def reply_prefix(meeting_pk: int) -> str:
    return f"reuniao-{meeting_pk}"


def justify_prefix(attendance_pk: int) -> str:
    return f"ausencia-{attendance_pk}"


def _render_area(request, *, failed=None):
    """The page, with the form that failed (bound, with its errors) in its
    place; a failed form whose meeting or absence is no longer listed is shown
    on top of the page (`orphan`)."""
    now = timezone.now()
    area = member_area(request.user, now=now)
    kind, pk, bound, title = failed or (None, None, None, "")
    placed = False
    for convocation in area.convocations:
        meeting_pk = convocation.meeting.pk
        if kind == "reply" and meeting_pk == pk:
            convocation.form, placed = bound, True
            continue
        reply = convocation.reply
        initial = (
            {"reply": reply.reply, "justification": reply.justification}
            if reply
            else None
        )
        convocation.form = ReplyForm(prefix=reply_prefix(meeting_pk), initial=initial)
    for seat in area.seats:
        for row in seat.attendances:
            if kind == "justify" and row.pk == pk:
                row.form, placed = bound, True
            elif row.can_justify:
                row.form = JustifyForm(prefix=justify_prefix(row.pk))
            else:
                row.form = None
    orphan = None
    if bound is not None and not placed:
        name = "councils:member_reply" if kind == "reply" else "councils:member_justify"
        orphan = {
            "kind": kind,
            "form": bound,
            "title": title,
            "action": reverse(name, args=[pk]),
        }
    context = {
        "area": area,
        "orphan": orphan,
        "run_councils": councils_run_links(request.user),
    }
    return private(render(request, TEMPLATE, context))


@login_required
def member_area_view(request):
    """`/conselhos/minha-area/`: the member area, or why the person has none."""
    return _render_area(request)


@login_required
@require_POST
def member_reply(request, pk: int):
    """Answer the convocation of meeting `pk` with the person's current mandate."""
    meeting = get_object_or_404(Meeting.objects.select_related("council"), pk=pk)
    mandate = Mandate.objects.filter(
        person=request.user, council_id=meeting.council_id, ends_on__isnull=True
    ).first()
    if mandate is None:
        raise Http404(_("Você não tem mandato atual neste conselho."))
    form = ReplyForm(request.POST, prefix=reply_prefix(pk))
    if form.is_valid():
        try:
            reply_to_convocation(
                meeting,
                mandate,
                form.cleaned_data["reply"],
                form.cleaned_data["justification"],
            )
        except WORKFLOW_ERRORS as error:
            report_workflow_error(request, error, form=form, field="reply")
        else:
            messages.success(request, _("Sua resposta à convocação foi registrada."))
            return redirect(reverse("councils:member_area") + f"#reuniao-{pk}")
    return _render_area(request, failed=("reply", pk, form, str(meeting)))


@login_required
@require_POST
def member_justify(request, pk: int):
    """Justify the person's own unjustified absence `pk`."""
    attendance = get_object_or_404(
        Attendance.objects.select_related("meeting", "meeting__council", "mandate"),
        pk=pk,
        mandate__person=request.user,
    )
    form = JustifyForm(request.POST, prefix=justify_prefix(pk))
    if form.is_valid():
        try:
            justify_absence(
                attendance, form.cleaned_data["justification"], request.user
            )
        except WORKFLOW_ERRORS as error:
            report_workflow_error(request, error, form=form, field="justification")
        else:
            messages.success(request, _("Sua justificativa foi registrada."))
            return redirect(reverse("councils:member_area") + f"#ausencia-{pk}")
    title = str(attendance.meeting)
    return _render_area(request, failed=("justify", pk, form, title))
