"""The public, read-only open-data API, mounted at `/api/v1/`.

Each app contributes a router (`entities/api.py`). No authentication, no CORS
headers needed (simple GETs), and every endpoint returns public fields only.
The OpenAPI schema is at `/api/v1/schema/` and a browsable page at
`/api/v1/docs/`, whose Swagger UI comes from django-ninja's own static files
(never a CDN).
"""

from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger


class SelfHostedSwagger(Swagger):
    """Swagger UI from static files, in a page with the site's language."""

    template = "open_data/api_docs.html"


api = NinjaAPI(
    title="Participa Betim — dados abertos",
    version="1",
    description=str(
        _(
            "API pública e somente leitura do Participa Betim, da Prefeitura de Betim "
            "(MG). Dados sob licença CC-BY 4.0. Listas paginadas com limit e offset."
        )
    ),
    urls_namespace="api-v1",
    openapi_url="/schema/",
    docs_url="/docs/",
    docs=SelfHostedSwagger(settings={"defaultModelsExpandDepth": 0}),
)
api.add_router("/entidades/", "entities.api.router")
api.add_router("/consultas/", "consultations.api.consultations_router")
api.add_router("/audiencias/", "consultations.api.events_router")
