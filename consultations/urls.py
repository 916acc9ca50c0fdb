from django.urls import path

from .views import (
    agenda,
    consultations,
    contributions,
    events,
    follows,
    open_data,
    registrations,
    reports,
)

app_name = "consultations"

urlpatterns = [
    # Consultations
    path("consultas/", consultations.ConsultationListView.as_view(), name="list"),
    path(
        "consultas/<slug:slug>/",
        consultations.ConsultationDetailView.as_view(),
        name="detail",
    ),
    path(
        "consultas/<slug:slug>/dispositivos/<slug:anchor>/",
        consultations.DeviceView.as_view(),
        name="device",
    ),
    path(
        "consultas/<slug:slug>/documentos/<int:pk>/",
        consultations.consultation_document,
        name="document",
    ),
    path(
        "consultas/<slug:slug>/contribuir/",
        contributions.ContributeView.as_view(),
        name="contribute",
    ),
    path(
        "consultas/<slug:slug>/acompanhar/",
        follows.FollowConsultationView.as_view(),
        name="follow",
    ),
    path(
        "consultas/<slug:slug>/relatorio/",
        reports.ReportView.as_view(),
        name="report",
    ),
    path(
        "consultas/<slug:slug>/relatorio.csv",
        reports.ReportCsvView.as_view(),
        name="report_csv",
    ),
    path(
        "consultas/<slug:slug>/relatorio.pdf",
        reports.ReportPdfView.as_view(),
        name="report_pdf",
    ),
    path(
        "contribuicoes/<int:pk>/responder/",
        contributions.ReplyView.as_view(),
        name="reply",
    ),
    path(
        "contribuicoes/<int:pk>/apoiar/",
        contributions.SupportView.as_view(),
        name="support",
    ),
    path(
        "contribuicoes/<int:pk>/denunciar/",
        contributions.ReportAbuseView.as_view(),
        name="report_abuse",
    ),
    # Hearings and forums
    path("audiencias/", events.EventListView.as_view(), name="event_list"),
    path(
        "audiencias/<slug:slug>/", events.EventDetailView.as_view(), name="event_detail"
    ),
    path(
        "audiencias/<slug:slug>/evento.ics",
        agenda.EventIcsView.as_view(),
        name="event_ics",
    ),
    path(
        "audiencias/<slug:slug>/inscricao/",
        events.RegisterView.as_view(),
        name="event_register",
    ),
    path(
        "audiencias/<slug:slug>/inscricao/cancelar/",
        events.CancelRegistrationView.as_view(),
        name="event_cancel_registration",
    ),
    path(
        "audiencias/<slug:slug>/falar/", events.SpeakView.as_view(), name="event_speak"
    ),
    path(
        "audiencias/<slug:slug>/contribuir/",
        events.EventContributeView.as_view(),
        name="event_contribute",
    ),
    # Agenda and follows
    path("agenda/", agenda.AgendaView.as_view(), name="agenda"),
    path("agenda.ics", agenda.AgendaFeedView.as_view(), name="agenda_ics"),
    path(
        "minha-conta/acompanhamentos/",
        follows.FollowsView.as_view(),
        name="follows",
    ),
    path(
        "minha-conta/inscricoes/",
        registrations.MyRegistrationsView.as_view(),
        name="my_registrations",
    ),
    # Open data (listed in the /dados-abertos/ catalogue by consultations/open_data.py)
    path(
        "dados-abertos/consultas.csv",
        open_data.ConsultationsDownload.as_view(extension="csv"),
        name="open_data_consultations_csv",
    ),
    path(
        "dados-abertos/consultas.json",
        open_data.ConsultationsDownload.as_view(extension="json"),
        name="open_data_consultations_json",
    ),
    path(
        "dados-abertos/audiencias.csv",
        open_data.EventsDownload.as_view(extension="csv"),
        name="open_data_events_csv",
    ),
    path(
        "dados-abertos/audiencias.json",
        open_data.EventsDownload.as_view(extension="json"),
        name="open_data_events_json",
    ),
    path(
        "dados-abertos/contribuicoes.csv",
        open_data.ContributionsCsvView.as_view(),
        name="open_data_contributions_csv",
    ),
]
