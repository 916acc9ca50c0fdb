"""The open-data files of the partnerships and the chamamentos."""

from django.urls import path

from ..views.open_data import CallsDownload, PartnershipsDownload

urlpatterns = [
    path(
        "dados-abertos/parcerias.csv",
        PartnershipsDownload.as_view(extension="csv"),
        name="open_data_partnerships_csv",
    ),
    path(
        "dados-abertos/parcerias.json",
        PartnershipsDownload.as_view(extension="json"),
        name="open_data_partnerships_json",
    ),
    path(
        "dados-abertos/chamamentos.csv",
        CallsDownload.as_view(extension="csv"),
        name="open_data_calls_csv",
    ),
    path(
        "dados-abertos/chamamentos.json",
        CallsDownload.as_view(extension="json"),
        name="open_data_calls_json",
    ),
]
