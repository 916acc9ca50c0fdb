"""`/chamamentos/`: the public pages, the entity's proposal and appeal, the
committee's pages, and the PMIS form."""

from django.urls import path

from ..views import calls, committee, pmis, proposals

urlpatterns = [
    path("chamamentos/", calls.CallListView.as_view(), name="calls"),
    path("chamamentos/pmis/", pmis.ManifestationListView.as_view(), name="pmis_list"),
    path(
        "chamamentos/pmis/nova/",
        pmis.ManifestationCreateView.as_view(),
        name="pmis_new",
    ),
    path("chamamentos/<slug:slug>/", calls.CallDetailView.as_view(), name="call"),
    path(
        "chamamentos/<slug:slug>/documentos/<int:pk>/",
        calls.call_document,
        name="call_document",
    ),
    path(
        "chamamentos/<slug:slug>/proposta/",
        proposals.ProposalView.as_view(),
        name="proposal",
    ),
    path(
        "chamamentos/<slug:slug>/proposta/<int:pk>/documentos/<int:document>/",
        proposals.proposal_document,
        name="proposal_document",
    ),
    path(
        "chamamentos/<slug:slug>/proposta/<int:pk>/recurso/",
        proposals.AppealView.as_view(),
        name="appeal",
    ),
    path(
        "chamamentos/<slug:slug>/comissao/",
        committee.CommitteeView.as_view(),
        name="committee",
    ),
    path(
        "chamamentos/<slug:slug>/comissao/<int:pk>/",
        committee.ScoreView.as_view(),
        name="score",
    ),
]
