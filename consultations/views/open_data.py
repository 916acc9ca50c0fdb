"""CSV and JSON downloads of consultations, events and contributions
(`/dados-abertos/consultas.csv` ...), listed in the catalogue `/dados-abertos/`.

The same download view as the entity directory's (`civic.open_data`): streamed
in chunks so memory stays flat, `;` as separator and a UTF-8 BOM for Excel in
Portuguese, and every cell through the formula guard (`civic.downloads`).
"""

from __future__ import annotations

from civic.open_data import DatasetDownload

from ..open_data.columns import (
    CONSULTATION_COLUMNS,
    CONTRIBUTION_COLUMNS,
    EVENT_COLUMNS,
)
from ..selectors.open_data import (
    answered_device_citations,
    open_data_consultations,
    open_data_contributions,
    open_data_events,
)


class ConsultationsDownload(DatasetDownload):
    """Public consultations (`consultas.csv`, `consultas.json`)."""

    stem = "consultas-publicas-betim"
    columns = CONSULTATION_COLUMNS

    def objects(self):
        return open_data_consultations()


class EventsDownload(DatasetDownload):
    """Public hearings, forums and open meetings (`audiencias.csv`, `.json`)."""

    stem = "audiencias-e-foruns-betim"
    columns = EVENT_COLUMNS

    def objects(self):
        return open_data_events()


class ContributionsCsvView(DatasetDownload):
    """`contribuicoes.csv`: every contribution of answered consultations. The
    author's name only when the person chose to show it (LGPD art. 5 II)."""

    stem = "contribuicoes-betim"
    columns = CONTRIBUTION_COLUMNS

    def objects(self):
        return open_data_contributions()

    def value_args(self) -> tuple:
        return (answered_device_citations(),)
