from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.ProfileView.as_view(), name="profile"),
    path("editar/", views.ProfileEditView.as_view(), name="profile_edit"),
    path("meus-dados/", views.DataExportView.as_view(), name="data_export"),
    path("excluir/", views.AccountDeleteView.as_view(), name="delete"),
]
