"""CSV and JSON downloads of the councils' composition and meetings, listed in
the catalogue `/dados-abertos/` (councils/open_data/)."""

from __future__ import annotations

from django.db.models import Prefetch

from civic.open_data import DatasetDownload

from ..models import Attendance, Seat
from ..open_data.councils import COMPOSITION_COLUMNS, MEETING_COLUMNS
from ..selectors.public import current_mandates, public_meetings


class CompositionDownload(DatasetDownload):
    """Active seats of active councils with their current holders."""

    stem = "conselhos-composicao-betim"
    columns = COMPOSITION_COLUMNS

    def objects(self):
        return (
            Seat.objects.filter(is_active=True, council__is_active=True)
            .select_related("council__policy_area", "body")
            .prefetch_related(
                Prefetch(
                    "mandates", queryset=current_mandates(), to_attr="current_mandates"
                )
            )
            .order_by("council__name", "segment", "position", "pk")
        )


class MeetingsDownload(DatasetDownload):
    """Public meetings with attendance and the votes of each item."""

    stem = "conselhos-reunioes-betim"
    columns = MEETING_COLUMNS

    def objects(self):
        return (
            public_meetings()
            .filter(council__is_active=True)
            .select_related("council", "venue")
            .prefetch_related(
                Prefetch(
                    "attendances",
                    queryset=Attendance.objects.select_related(
                        "seat__body", "mandate__person"
                    ),
                ),
                "agenda_items",
            )
            .order_by("council__name", "starts_at", "pk")
        )
