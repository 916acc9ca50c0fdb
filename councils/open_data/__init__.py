"""What the councils publish as open data: their entries in the
`/dados-abertos/` catalogue, each area in its own module. Imported by
civic.open_data on first use."""

from . import resolutions  # noqa: F401
`/dados-abertos/` catalogue, one module per area. Imported by civic.open_data
on first use."""

from . import councils  # noqa: F401
