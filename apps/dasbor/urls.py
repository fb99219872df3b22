from django.urls import path

from . import views

app_name = "dasbor"
urlpatterns = [path("", views.Beranda.as_view(), name="beranda")]
