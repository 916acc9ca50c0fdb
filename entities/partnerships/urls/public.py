"""`/parcerias/`: the transparency pages (arts. 10–12) and the art. 12 channel."""

from django.urls import path

from ..views import public

urlpatterns = [
    path("parcerias/", public.PartnershipListView.as_view(), name="list"),
    path("parcerias/denuncia/", public.ReportView.as_view(), name="report"),
    path("parcerias/<int:pk>/", public.PartnershipDetailView.as_view(), name="detail"),
    path(
        "parcerias/<int:pk>/documentos/<int:document>/",
        public.partnership_document,
        name="document",
    ),
]
