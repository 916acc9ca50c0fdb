"""`/dados-abertos/parcerias.csv|json` and `/dados-abertos/chamamentos.csv|json`,
listed in the catalogue `/dados-abertos/` (entities/partnerships/open_data.py)."""

from __future__ import annotations

from civic.open_data import DatasetDownload

from ..open_data import CALL_COLUMNS, PARTNERSHIP_COLUMNS
from ..selectors.calls import calls_public
from ..selectors.transparency import partnerships_listed


class PartnershipsDownload(DatasetDownload):
    """Every listed partnership with the fields of art. 11."""

    stem = "parcerias-betim"
    columns = PARTNERSHIP_COLUMNS

    def objects(self):
        return partnerships_listed()


class CallsDownload(DatasetDownload):
    """Every published chamamento."""

    stem = "chamamentos-betim"
    columns = CALL_COLUMNS

    def objects(self):
        return calls_public()
