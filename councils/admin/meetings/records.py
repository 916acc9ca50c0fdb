"""What the secretariat records at and after a meeting: the attendance sheet
(one row per seat, with the live quorum, and installing the meeting) and the
votes of each deliberative item."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages

from civic.workflow import report_workflow_error

from ...models import AgendaItem
from ...services import attendance as presence
from ...services.votes import record_vote
from .base import MeetingPageMixin
from .forms import AttendanceForm, VoteForm


class AttendanceView(MeetingPageMixin, TemplateView):
    """The attendance sheet: every active seat with its titular and suplente,
    a status select each, the live quorum, and "Instalar a reunião". Every
    row is recorded through `record_attendance`; the rows it refuses show
    their error and keep what was chosen."""

    permission = "councils.record_attendance"
    crumb = gettext_lazy("Lista de presença")
    template_name = "councils/admin/meetings/attendance.html"

    def rows(self, data=None):
        sheet = presence.attendance_sheet(self.meeting)
        for row in sheet:
            recorded = row["attendance"]
            row["form"] = AttendanceForm(
                data,
                prefix=f"seat-{row['seat'].pk}",
                initial={
                    "seat": row["seat"].pk,
                    "status": recorded.status if recorded else "",
                    "justification": recorded.justification if recorded else "",
                },
            )
        return sheet

    def post(self, request, *args, **kwargs):
        if "install" in request.POST:
            try:
                presence.install(self.meeting, actor=request.user)
                messages.success(request, _("Reunião instalada."))
            except (ValidationError, PermissionDenied) as error:
                report_workflow_error(request, error)
            return redirect(request.path)
        rows = self.rows(request.POST)
        failed = False
        for row in rows:
            form = row["form"]
            if not form.is_valid():
                failed = True
                continue
            status = form.cleaned_data["status"]
            recorded = row["attendance"]
            if not status or (
                recorded
                and recorded.status == status
                and recorded.justification == form.cleaned_data["justification"].strip()
            ):
                continue
            try:
                presence.record_attendance(
                    self.meeting,
                    row["seat"],
                    status,
                    request.user,
                    form.cleaned_data["justification"],
                )
            except PermissionDenied as error:
                report_workflow_error(request, error)
                return redirect(self.edit_url)
            except ValidationError as error:
                failed = True
                report_workflow_error(request, error, form=form, field="status")
        if failed:
            messages.error(
                request,
                _(
                    "Algumas presenças não foram registradas: veja os assentos indicados."
                ),
            )
            return self.render_to_response(self.get_context_data(rows=rows))
        messages.success(request, _("Presenças registradas."))
        return redirect(request.path)

    def get_context_data(self, rows=None, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = self.rows() if rows is None else rows
        seats = len(rows)
        present = sum(
            1 for row in rows if row["attendance"] and row["attendance"].is_present
        )
        now = timezone.now()
        quorum = presence.meeting_quorum(
            self.meeting, now, present=present, seats=seats
        )
        context.update(
            rows=rows,
            quorum=quorum,
            quorum_status="info" if quorum.reached else "warning",
            is_open=presence.attendance_open(self.meeting, now),
        )
        return context


class VotesView(MeetingPageMixin, TemplateView):
    """The votes of each deliberative item of an installed meeting: one form
    per item; the one posted shows its errors beside its fields."""

    permission = "councils.record_vote"
    crumb = gettext_lazy("Votações")
    template_name = "councils/admin/meetings/votes.html"

    def items(self):
        return list(
            self.meeting.agenda_items.filter(is_deliberative=True).order_by("position")
        )

    def forms(self, items, posted=None):
        result = []
        for item in items:
            form = (
                posted
                if posted is not None and posted.prefix == f"item-{item.pk}"
                else None
            )
            if form is None:
                form = VoteForm(
                    prefix=f"item-{item.pk}",
                    initial={
                        "votes_for": item.votes_for,
                        "votes_against": item.votes_against,
                        "abstentions": item.abstentions,
                        "casting_vote": item.casting_vote,
                    },
                )
            result.append((item, form))
        return result

    def post(self, request, *args, **kwargs):
        items = {item.pk: item for item in self.items()}
        try:
            item = items[int(request.POST.get("item", ""))]
        except (KeyError, ValueError):
            messages.error(request, _("Escolha um item deliberativo desta reunião."))
            return redirect(request.path)
        form = VoteForm(request.POST, prefix=f"item-{item.pk}")
        if form.is_valid():
            data = form.cleaned_data
            try:
                record_vote(
                    item,
                    data["votes_for"],
                    data["votes_against"],
                    data["abstentions"],
                    data["casting_vote"],
                    request.user,
                )
                messages.success(request, _("Votação registrada."))
                return redirect(request.path)
            except PermissionDenied as error:
                report_workflow_error(request, error)
                return redirect(self.edit_url)
            except ValidationError as error:
                report_workflow_error(request, error, form=form)
        messages.error(
            request, _("A votação não foi registrada: corrija os campos indicados.")
        )
        return self.render_to_response(
            self.get_context_data(forms=self.forms(items.values(), posted=form))
        )

    def get_context_data(self, forms=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            forms=self.forms(self.items()) if forms is None else forms,
            present=presence.present_count(self.meeting),
            Result=AgendaItem.Result,
        )
        return context
