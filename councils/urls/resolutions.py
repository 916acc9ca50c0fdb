"""Resolutions: each council's list, one resolution and its PDF, the search
across councils and the open-data files."""

from django.urls import path

from ..views import resolution_open_data as open_data
from ..views import resolutions as views

urlpatterns = [
    path(
        "resolucoes/",
        views.ResolutionSearchView.as_view(),
        name="resolution_search",
    ),
    path(
        "dados-abertos/resolucoes.csv",
        open_data.ResolutionsDownload.as_view(extension="csv"),
        name="open_data_resolutions_csv",
    ),
    path(
        "dados-abertos/resolucoes.json",
        open_data.ResolutionsDownload.as_view(extension="json"),
        name="open_data_resolutions_json",
    ),
    path(
        "<slug:slug>/resolucoes/",
        views.CouncilResolutionListView.as_view(),
        name="resolution_list",
    ),
    path(
        "<slug:slug>/resolucoes/<int:year>/<int:number>/",
        views.ResolutionDetailView.as_view(),
        name="resolution",
    ),
    path(
        "<slug:slug>/resolucoes/<int:year>/<int:number>.pdf",
        views.ResolutionPdfView.as_view(),
        name="resolution_pdf",
    ),
]
