"""What the staff pages about one event share: the breadcrumbs below the
event, the event itself, and the schedule-conflict warning."""

from __future__ import annotations

from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ...models import Event
from ...selectors.staff import event_for_staff
from ..common import FormPageMixin, ObjectPageMixin, contributions_list_url


def when(value) -> str:
    """A moment in Betim's time, as staff read it."""
    return formats.date_format(timezone.localtime(value), "d/m/Y H:i")


def conflicts_message(conflicts: list[Event]) -> str:
    """A warning listing events at overlapping times in the same venue or by
    the same body."""
    items = "; ".join(
        _("“%(title)s” (%(start)s–%(end)s, %(where)s)")
        % {
            "title": other.title,
            "start": when(other.starts_at),
            "end": formats.date_format(timezone.localtime(other.ends_at), "H:i"),
            "where": other.venue.name if other.venue_id else _("on-line"),
        }
        for other in conflicts
    )
    return _(
        "Atenção: no mesmo horário há outro evento no mesmo local ou do mesmo "
        "órgão organizador: %(events)s. Confira se é isso mesmo."
    ) % {"events": items}


def unanswered_url(event: Event) -> str:
    """The contributions of the event still waiting for their devolutiva."""
    return contributions_list_url(event=event.pk, answered="no", kind="top")


class EventPageMixin(ObjectPageMixin):
    """A staff page about one event, below it in the breadcrumbs."""

    model = Event
    index_label = gettext_lazy("Audiências e fóruns")

    def lookup(self, pk):
        return event_for_staff(pk)

    @cached_property
    def event(self) -> Event:
        return self.object

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(event=self.event)
        return context


class EventFormPageMixin(FormPageMixin, EventPageMixin):
    """A page about one event with one form that calls a service."""
