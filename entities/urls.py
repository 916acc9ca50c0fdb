from django.urls import path

from .views import (
    claims,
    dashboard,
    documents,
    opendata,
    profile,
    public,
    representatives,
)

app_name = "entities"

urlpatterns = [
    # Public directory and profiles
    path("entidades/", public.DirectoryView.as_view(), name="directory"),
    path("entidades/cadastrar/", profile.RegisterView.as_view(), name="register"),
    path("entidades/<slug:slug>/", public.ProfileView.as_view(), name="detail"),
    path(
        "entidades/<slug:slug>/reivindicar/", claims.ClaimView.as_view(), name="claim"
    ),
    path(
        "entidades/reivindicacoes/<int:pk>/comprovante/",
        claims.ClaimProofDownloadView.as_view(),
        name="claim_proof",
    ),
    # Open data
    path("dados-abertos/entidades.csv", opendata.EntitiesCsvView.as_view(), name="csv"),
    path(
        "dados-abertos/entidades.json", opendata.EntitiesJsonView.as_view(), name="json"
    ),
    # The representative's dashboard
    path("minhas-entidades/", dashboard.MyEntitiesView.as_view(), name="my_entities"),
    path("minhas-entidades/<int:pk>/", dashboard.ManageView.as_view(), name="manage"),
    path("minhas-entidades/<int:pk>/editar/", profile.EditView.as_view(), name="edit"),
    path(
        "minhas-entidades/<int:pk>/diretoria/",
        profile.BoardView.as_view(),
        name="board",
    ),
    path(
        "minhas-entidades/<int:pk>/documentos/",
        documents.DocumentsView.as_view(),
        name="documents",
    ),
    path(
        "minhas-entidades/<int:pk>/documentos/<int:document_pk>/arquivo/",
        documents.DocumentDownloadView.as_view(),
        name="document_download",
    ),
    path(
        "minhas-entidades/<int:pk>/representantes/",
        representatives.RepresentativesView.as_view(),
        name="representatives",
    ),
    path(
        "minhas-entidades/<int:pk>/acao/<slug:action>/",
        dashboard.TransitionView.as_view(),
        name="transition",
    ),
    path(
        "minhas-entidades/<int:pk>/confirmar-dados/",
        dashboard.ConfirmDataView.as_view(),
        name="confirm_data",
    ),
    path(
        "convites/<str:token>/",
        representatives.InvitationAcceptView.as_view(),
        name="invitation_accept",
    ),
]
