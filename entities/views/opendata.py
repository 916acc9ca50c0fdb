"""CSV and JSON downloads of the public directory (`/dados-abertos/entidades.*`).

Both stream through `civic.open_data.DatasetDownload`: rows are read in chunks
(prefetches run per chunk) and written as they come, so memory stays flat
however many entities there are. They accept the directory's filters as query
parameters.

CSV choices (`civic.downloads.csv_lines`): `;` as separator and a UTF-8 BOM,
because Excel in Brazilian Portuguese (where `,` is the decimal mark) splits
columns on `;` and needs the BOM to show accents; the Mapa das OSCs and most
Brazilian portals do the same. Cells that a spreadsheet would read as a formula
are prefixed with `'`.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _

from civic.open_data import DatasetDownload

from ..open_data import COLUMNS
from ..public_filters import DirectoryFilterForm
from ..selectors import directory_filter_options, entities_directory


class EntitiesDownload(DatasetDownload):
    """Every approved entity's public fields, filtered like the directory."""

    stem = "entidades-betim"
    columns = COLUMNS

    def get(self, request, *args, **kwargs):
        form = DirectoryFilterForm(
            request.GET or None, options=directory_filter_options()
        )
        if form.is_bound and not form.is_valid():
            problems = "; ".join(
                f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()
            )
            return HttpResponse(
                _("Filtro inválido (%(problems)s).") % {"problems": problems},
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        return self.download(
            entities_directory(**form.selector_kwargs())
            .select_related("main_cnae")
            .prefetch_related("publics", "bairros")
        )


class EntitiesCsvView(EntitiesDownload):
    """Every approved entity's public fields, as CSV (`;`, UTF-8 with BOM)."""

    extension = "csv"


class EntitiesJsonView(EntitiesDownload):
    """Every approved entity's public fields, as one JSON object."""

    extension = "json"
