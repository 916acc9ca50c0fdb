from django.urls import path

from .views import claims, manage, opendata, public

app_name = "entities"

urlpatterns = [
    # Public directory and profiles
    path("entidades/", public.DirectoryView.as_view(), name="directory"),
    path("entidades/cadastrar/", manage.RegisterView.as_view(), name="register"),
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
    path("minhas-entidades/", manage.MyEntitiesView.as_view(), name="my_entities"),
    path("minhas-entidades/<int:pk>/", manage.ManageView.as_view(), name="manage"),
    path("minhas-entidades/<int:pk>/editar/", manage.EditView.as_view(), name="edit"),
    path(
        "minhas-entidades/<int:pk>/diretoria/", manage.BoardView.as_view(), name="board"
    ),
    path(
        "minhas-entidades/<int:pk>/documentos/",
        manage.DocumentsView.as_view(),
        name="documents",
    ),
    path(
        "minhas-entidades/<int:pk>/documentos/<int:document_pk>/arquivo/",
        manage.DocumentDownloadView.as_view(),
        name="document_download",
    ),
    path(
        "minhas-entidades/<int:pk>/representantes/",
        manage.RepresentativesView.as_view(),
        name="representatives",
    ),
    path(
        "minhas-entidades/<int:pk>/acao/<slug:action>/",
        manage.TransitionView.as_view(),
        name="transition",
    ),
    path(
        "minhas-entidades/<int:pk>/confirmar-dados/",
        manage.ConfirmDataView.as_view(),
        name="confirm_data",
    ),
    path(
        "convites/<str:token>/",
        manage.InvitationAcceptView.as_view(),
        name="invitation_accept",
    ),
]
