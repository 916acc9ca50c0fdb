"""Routes of the desk, included by `civic.dialogue.urls` (namespace `dialogue`)."""

from django.urls import path

from . import views

urlpatterns = [
    path("balcao/", views.desk_home, name="desk"),
    path("balcao/pessoas/nova/", views.person_new, name="desk_person_new"),
    path("balcao/pessoas/<int:pk>/", views.person_page, name="desk_person"),
    path("balcao/pessoas/<int:pk>/consentimento/", views.consent, name="desk_consent"),
    path("balcao/pessoas/<int:pk>/inscricao/", views.register, name="desk_register"),
    path(
        "balcao/pessoas/<int:pk>/contribuicao/",
        views.contribute,
        name="desk_contribute",
    ),
    path("balcao/pessoas/<int:pk>/demanda/", views.demand, name="desk_demand"),
    path("balcao/pessoas/<int:pk>/convite/", views.claim_invite, name="desk_invite"),
    path("assumir-conta/", views.claim, name="claim"),
]
