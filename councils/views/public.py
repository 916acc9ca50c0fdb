"""The councils' public pages: `/conselhos/`, a council's page, a meeting's
page and a council's calendar file.

The pages are the same bytes for every anonymous visitor, so the whole-page
cache keeps them (CIVIC_PAGE_CACHE_URL_NAMES); `councils.receivers` starts a
new cache generation whenever anything they show changes. The follow button
renders a form only for a signed-in person, whose response is private.
"""

from __future__ import annotations

from datetime import timedelta

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from civic.cache import private
from consultations import ics

from .. import agenda
from ..models import Council, Meeting
from ..selectors.follows import is_following
from ..selectors.public import (
    council_for_page,
    council_page,
    councils_for_list,
    meeting_for_page,
    meeting_page,
)

# The per-council calendar keeps this much history.
ICS_HISTORY_DAYS = 365


class CouncilMixin:
    """A view of one active council, found by its slug (404 otherwise)."""

    def get_council(self) -> Council:
        try:
            return council_for_page(slug=self.kwargs["slug"])
        except Council.DoesNotExist:
            raise Http404(_("Conselho não encontrado.")) from None


class PersonalMixin:
    """A page whose HTML differs for a signed-in person: never shared."""

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.request.user.is_authenticated:
            private(response)
        return response


class CouncilListView(TemplateView):
    """`/conselhos/`: the active councils with area, nature and next meeting."""

    template_name = "councils/public/council_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["councils"] = councils_for_list()
        return context


class CouncilDetailView(PersonalMixin, CouncilMixin, TemplateView):
    """`/conselhos/<slug>/`: presentation, rules, composition, calendar, atas,
    resolutions and elections."""

    template_name = "councils/public/council_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        council = self.get_council()
        context.update(
            page=council_page(council=council),
            council=council,
            is_following=is_following(user=self.request.user, council=council),
        )
        return context


class MeetingDetailView(PersonalMixin, CouncilMixin, TemplateView):
    """`/conselhos/<slug>/reunioes/<pk>/`: the pauta and public documents; once
    held, attendance by seat, quorum and votes; the ata once published.
    Planned meetings are 404."""

    template_name = "councils/public/meeting_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        council = self.get_council()
        try:
            meeting = meeting_for_page(council=council, pk=self.kwargs["pk"])
        except Meeting.DoesNotExist:
            raise Http404(_("Reunião não encontrada.")) from None
        context.update(
            council=council,
            meeting=meeting,
            page=meeting_page(meeting=meeting),
        )
        return context


class CouncilIcsView(CouncilMixin, View):
    """`/conselhos/<slug>/agenda.ics`: the council's meetings of the last year
    and to come, for calendar apps to subscribe to."""

    def get(self, request, *args, **kwargs):
        council = self.get_council()
        since = timezone.now() - timedelta(days=ICS_HISTORY_DAYS)
        meetings = agenda.feed_meetings(since=since, council=council)
        content = ics.build_calendar(
            name=_("Reuniões do %(council)s") % {"council": council.acronym},
            description=str(council.name),
            vevents=[agenda.meeting_vevent(m) for m in meetings],
        )
        return ics.calendar_response(content, filename=f"agenda-{council.slug}.ics")
