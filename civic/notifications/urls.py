from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.InboxView.as_view(), name="inbox"),
    path("<int:pk>/abrir/", views.open_notification, name="open"),
    path("<int:pk>/marcar-como-lida/", views.mark_read, name="mark_read"),
    path("marcar-todas-como-lidas/", views.mark_all_read, name="mark_all_read"),
    path("preferencias/", views.PreferencesView.as_view(), name="preferences"),
    path("descadastrar/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
