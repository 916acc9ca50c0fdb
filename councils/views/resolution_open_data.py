"""`/conselhos/dados-abertos/resolucoes.csv` and `.json`, listed in the
catalogue `/dados-abertos/` (councils/open_data/resolutions.py)."""

from __future__ import annotations

from civic.open_data import DatasetDownload

from ..open_data.resolutions import RESOLUTION_COLUMNS
from ..selectors.resolutions import open_data_resolutions


class ResolutionsDownload(DatasetDownload):
    """Every public resolution of every council."""

    stem = "resolucoes-conselhos-betim"
    columns = RESOLUTION_COLUMNS

    def objects(self):
        return open_data_resolutions()
