"""What the councils publish as open data: their entries in the
`/dados-abertos/` catalogue, one module per area. Imported by civic.open_data
on first use."""

from . import councils, resolutions  # noqa: F401
