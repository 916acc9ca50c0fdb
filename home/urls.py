from django.urls import path

from home import views

urlpatterns = [
    path("busca/", views.search, name="search"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
]
