"""Public pages of chamamentos and partnerships, and the entity's side."""

from . import calls, entity, open_data, public

app_name = "partnerships"

urlpatterns = (
    public.urlpatterns + open_data.urlpatterns + calls.urlpatterns + entity.urlpatterns
)
