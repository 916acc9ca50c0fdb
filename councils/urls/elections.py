"""The elections of civil-society seats: the public page and the
representatives' inscription, vote, appeal and withdrawal."""

from django.urls import path

from ..views import elections as views

PREFIX = "<slug:slug>/eleicoes/<int:pk>/"

urlpatterns = [
    path(PREFIX, views.ElectionDetailView.as_view(), name="election"),
    path(
        PREFIX + "inscricao/",
        views.CandidacyView.as_view(),
        name="election_candidacy",
    ),
    path(
        PREFIX + "desistencia/",
        views.WithdrawView.as_view(),
        name="election_withdraw",
    ),
    path(PREFIX + "votar/", views.VoteView.as_view(), name="election_vote"),
    path(PREFIX + "recurso/", views.AppealView.as_view(), name="election_appeal"),
]
