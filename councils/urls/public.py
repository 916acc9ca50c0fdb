"""The councils' public pages (cpub): the list, a council, a meeting, the
council's calendar file, following, and the open-data downloads."""

from django.urls import path

from ..views import follows, open_data, public

urlpatterns = [
    path("", public.CouncilListView.as_view(), name="list"),
    path(
        "dados-abertos/conselhos.csv",
        open_data.CompositionDownload.as_view(extension="csv"),
        name="open_data_composition_csv",
    ),
    path(
        "dados-abertos/conselhos.json",
        open_data.CompositionDownload.as_view(extension="json"),
        name="open_data_composition_json",
    ),
    path(
        "dados-abertos/reunioes.csv",
        open_data.MeetingsDownload.as_view(extension="csv"),
        name="open_data_meetings_csv",
    ),
    path(
        "dados-abertos/reunioes.json",
        open_data.MeetingsDownload.as_view(extension="json"),
        name="open_data_meetings_json",
    ),
    path("<slug:slug>/", public.CouncilDetailView.as_view(), name="detail"),
    path("<slug:slug>/agenda.ics", public.CouncilIcsView.as_view(), name="ics"),
    path("<slug:slug>/seguir/", follows.CouncilFollowView.as_view(), name="follow"),
    path(
        "<slug:slug>/reunioes/<int:pk>/",
        public.MeetingDetailView.as_view(),
        name="meeting",
    ),
]
