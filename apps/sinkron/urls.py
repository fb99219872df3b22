from django.urls import path

from . import views

app_name = "sinkron"
urlpatterns = [
    path("", views.JurnalList.as_view(), name="jurnal_daftar"),
]
