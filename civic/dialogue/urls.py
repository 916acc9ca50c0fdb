"""Public pages of "Fale com a SRSC" and the person's own demands."""

from django.urls import path, register_converter

from .assisted.urls import urlpatterns as assisted_urlpatterns
from .views import follow, mine, public, relationship, thread


class ProtocolConverter:
    regex = r"[A-Za-z]{2,8}-\d{4}-\d{1,8}"

    def to_python(self, value: str) -> str:
        return value.upper()

    def to_url(self, value: str) -> str:
        return value


register_converter(ProtocolConverter, "protocol")

app_name = "dialogue"
urlpatterns = [
    path("fale-conosco/", public.DemandCreateView.as_view(), name="create"),
    path(
        "fale-conosco/recebida/", public.DemandReceivedView.as_view(), name="received"
    ),
    path("fale-conosco/acompanhar/", follow.FollowView.as_view(), name="follow"),
    path(
        "fale-conosco/acompanhar/<protocol:protocol>/",
        follow.FollowDetailView.as_view(),
        name="follow_detail",
    ),
    path("fale-conosco/numeros/", public.NumbersView.as_view(), name="numbers"),
    path(
        "fale-conosco/anexos/<int:pk>/",
        thread.attachment_download,
        name="attachment",
    ),
    path("minha-conta/demandas/", mine.MyDemandsView.as_view(), name="mine"),
    path(
        "minha-conta/demandas/<protocol:protocol>/",
        mine.MyDemandView.as_view(),
        name="mine_detail",
    ),
    path(
        "minhas-entidades/<int:pk>/relacionamento/",
        relationship.RelationshipView.as_view(),
        name="relationship",
    ),
    path(
        "minhas-entidades/oficios/<int:pk>/documento/",
        relationship.contact_document,
        name="contact_document",
    ),
    *assisted_urlpatterns,
]
