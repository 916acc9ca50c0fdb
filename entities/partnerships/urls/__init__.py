"""Public pages of chamamentos and partnerships, and the entity's side."""

from . import calls, entity, public

app_name = "partnerships"

urlpatterns = public.urlpatterns + calls.urlpatterns + entity.urlpatterns
