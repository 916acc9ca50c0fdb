"""The member area of conselheiros, and the meeting and council documents."""

from django.urls import path

from ..views import documents, member

urlpatterns = [
    path("minha-area/", member.member_area_view, name="member_area"),
    path(
        "minha-area/reunioes/<int:pk>/resposta/",
        member.member_reply,
        name="member_reply",
    ),
    path(
        "minha-area/ausencias/<int:pk>/justificar/",
        member.member_justify,
        name="member_justify",
    ),
    path(
        "<slug:slug>/reunioes/<int:pk>/documentos/<int:doc_pk>/",
        documents.meeting_document,
        name="meeting_document",
    ),
    path(
        "<slug:slug>/documentos/<int:pk>/",
        documents.council_document,
        name="council_document",
    ),
]
