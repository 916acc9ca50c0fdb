"""The councils' public pages, each area in its own module."""

from . import elections, meetings, member, public, resolutions

app_name = "councils"

# Resolutions come before the council pages: `/conselhos/resolucoes/` (the
# search across councils) must not be read as a council called "resolucoes".
urlpatterns = (
    member.urlpatterns
    + resolutions.urlpatterns
    + public.urlpatterns
    + meetings.urlpatterns
    + elections.urlpatterns
)
