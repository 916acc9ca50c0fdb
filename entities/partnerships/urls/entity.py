"""The entity's side of its partnerships (and of those who follow them):
the private page, the forms it sends, the comissão's monitoring and the
private files."""

from django.urls import path

from ..views import entity as views

urlpatterns = [
    path(
        "minhas-parcerias/<int:pk>/",
        views.PartnershipPrivateView.as_view(),
        name="entity_partnership",
    ),
    path(
        "minhas-parcerias/<int:pk>/prorrogacao/",
        views.ExtensionRequestView.as_view(),
        name="entity_extension_request",
    ),
    path(
        "minhas-parcerias/<int:pk>/monitoramento/",
        views.MonitoringAddView.as_view(),
        name="monitoring_add",
    ),
    path(
        "minhas-parcerias/contas/<int:pk>/apresentar/",
        views.PresentAccountsView.as_view(),
        name="entity_accounts_present",
    ),
    path(
        "minhas-parcerias/contas/<int:pk>/diligencia/",
        views.AnswerDiligenceView.as_view(),
        name="entity_diligence_answer",
    ),
    path(
        "minhas-parcerias/sancoes/<int:pk>/",
        views.SanctionView.as_view(),
        name="entity_sanction",
    ),
    path(
        "minhas-parcerias/documentos/<int:pk>/",
        views.PartnershipDocumentView.as_view(),
        name="partnership_document",
    ),
    path(
        "minhas-parcerias/contas/documentos/<int:pk>/",
        views.AccountabilityDocumentView.as_view(),
        name="accountability_document",
    ),
    path(
        "minhas-parcerias/monitoramento/<int:pk>/arquivo/",
        views.MonitoringFileView.as_view(),
        name="monitoring_file",
    ),
]
