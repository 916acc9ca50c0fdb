"""The public agenda: `/agenda/` (a month, or the upcoming items as a list),
`/agenda.ics` (the calendar feed) and each event's `evento.ics`.

The agenda page and both calendar files are the same for every anonymous
visitor of a URL (query string included), so the anonymous page cache stores
them (CIVIC_PAGE_CACHE_URL_NAMES); they never use the CSRF token. Bad query
parameters fall back to the current month and to no filter: never an error.
"""

from __future__ import annotations

from datetime import date

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from .. import ics
from ..forms.agenda import AgendaFilterForm, parse_month
from ..models import Event
from ..selectors.agenda import (
    MAX_YEAR,
    MIN_YEAR,
    AgendaFilters,
    agenda_between,
    agenda_feed,
    agenda_upcoming,
    bairros_by_regional,
    event_for_calendar,
    every_bairro,
    group_by_day,
    month_bounds,
    month_grid,
    policy_areas,
    shift_month,
)

LIST_VIEW = "lista"

# Full weekday names (for <abbr title>) and their short forms, Sunday first.
WEEKDAYS = [
    (gettext_lazy("domingo"), gettext_lazy("dom")),
    (gettext_lazy("segunda-feira"), gettext_lazy("seg")),
    (gettext_lazy("terça-feira"), gettext_lazy("ter")),
    (gettext_lazy("quarta-feira"), gettext_lazy("qua")),
    (gettext_lazy("quinta-feira"), gettext_lazy("qui")),
    (gettext_lazy("sexta-feira"), gettext_lazy("sex")),
    (gettext_lazy("sábado"), gettext_lazy("sáb")),
]


def month_label(year: int, month: int) -> str:
    """ "dezembro de 2026", in the active language."""
    return formats.date_format(date(year, month, 1), "YEAR_MONTH_FORMAT")


def with_query(url: str, params: dict[str, str]) -> str:
    params = {k: v for k, v in params.items() if v}
    return f"{url}?{urlencode(params)}" if params else url


class AgendaMonthMixin:
    """What the public agenda and the admin calendar share: the month asked
    for, its neighbours and its grid."""

    def filter_form(self) -> AgendaFilterForm:
        """The agenda's filters (area, bairro) as sent in the query string."""
        return AgendaFilterForm(
            self.request.GET or None,
            areas=policy_areas(),
            bairro_groups=bairros_by_regional(),
        )

    def month_context(self, *, items_for_month, query: dict[str, str], url: str):
        today = timezone.localdate()
        year, month, valid = parse_month(self.request.GET.get("mes"), today=today)
        start, end = month_bounds(year, month)
        items = items_for_month(start, end)
        weeks = month_grid(year, month, items, today=today)
        links = {}
        for name, delta in (("previous", -1), ("next", 1)):
            y, m = shift_month(year, month, delta)
            if MIN_YEAR <= y <= MAX_YEAR:
                links[name] = {
                    "url": with_query(url, {**query, "mes": f"{y:04d}-{m:02d}"}),
                    "label": month_label(y, m),
                }
        return {
            "year": year,
            "month": month,
            "month_param": f"{year:04d}-{month:02d}",
            "month_label": month_label(year, month),
            "month_is_valid": valid,
            "is_current_month": (year, month) == (today.year, today.month),
            "current_month_url": with_query(url, query),
            "weeks": weeks,
            "weekdays": [{"name": name, "short": short} for name, short in WEEKDAYS],
            "items": items,
            "previous_month": links.get("previous"),
            "next_month": links.get("next"),
        }


class AgendaView(AgendaMonthMixin, TemplateView):
    """`/agenda/`: hearings, forums and consultation deadlines, by month
    (`?mes=2026-12`) or as a list of what is coming (`?visao=lista`)."""

    template_name = "consultations/agenda.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.filter_form()
        filters = form.filters()
        query = form.query()
        url = reverse("consultations:agenda")
        is_list = self.request.GET.get("visao") == LIST_VIEW
        if is_list:
            items = agenda_upcoming(filters=filters)
            context.update(days=group_by_day(items), items=items)
        else:
            context.update(
                self.month_context(
                    items_for_month=lambda start, end: agenda_between(
                        start=start, end=end, filters=filters
                    ),
                    query=query,
                    url=url,
                )
            )
        month_query = (
            {"mes": context["month_param"]}
            if not is_list and context["month_is_valid"]
            else {}
        )
        context.update(
            form=form,
            filters=filters,
            is_list=is_list,
            is_filtered=filters.is_active,
            list_url=with_query(url, {**query, "visao": LIST_VIEW}),
            month_url=with_query(url, {**query, **month_query}),
            clear_url=with_query(url, {"visao": LIST_VIEW} if is_list else month_query),
            feed_url=with_query(reverse("consultations:agenda_ics"), query),
            feed_absolute_url=ics.absolute(
                with_query(reverse("consultations:agenda_ics"), query)
            ),
        )
        return context


def _feed_name(filters: AgendaFilters) -> str:
    parts = [_("Agenda do Participa Betim")]
    if filters.area is not None:
        parts.append(filters.area.name)
    if filters.bairro is not None:
        parts.append(filters.bairro.name)
    return " — ".join(parts)


class AgendaFeedView(View):
    """`/agenda.ics`: every public event (cancelled ones as cancelled) and each
    consultation's opening and closing, for calendar apps to subscribe to.
    Takes the agenda's filters (`?area=`, `?bairro=`)."""

    def get(self, request, *args, **kwargs):
        form = AgendaFilterForm(
            request.GET or None, areas=policy_areas(), bairro_groups=every_bairro()
        )
        if form.is_bound and not form.is_valid():
            return HttpResponse(
                _(
                    "Filtro inválido: use os identificadores de área e bairro da agenda."
                ),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        filters = form.filters()
        events, consultations, others = agenda_feed(filters=filters)
        content = ics.build_calendar(
            name=_feed_name(filters),
            description=_(
                "Audiências públicas, fóruns, reuniões dos conselhos municipais e "
                "prazos das consultas públicas da Prefeitura de Betim."
            ),
            events=events,
            consultations=consultations,
            vevents=others,
        )
        return ics.calendar_response(content, filename="agenda-participa-betim.ics")


class EventIcsView(View):
    """`/audiencias/<slug>/evento.ics`: one public event (404 for drafts)."""

    def get(self, request, slug: str, *args, **kwargs):
        try:
            event = event_for_calendar(slug=slug)
        except Event.DoesNotExist:
            raise Http404(_("Evento não encontrado.")) from None
        content = ics.build_calendar(name=event.title, events=[event])
        return ics.calendar_response(content, filename=f"{event.slug}.ics")
