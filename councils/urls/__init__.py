"""The councils' public pages, each area in its own module."""

from . import elections, meetings, member, public, resolutions

app_name = "councils"

urlpatterns = (
    member.urlpatterns
    + public.urlpatterns
    + meetings.urlpatterns
    + resolutions.urlpatterns
    + elections.urlpatterns
)
