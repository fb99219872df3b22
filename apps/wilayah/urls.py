from django.urls import path

from . import views

app_name = "wilayah"
urlpatterns = [
    path("", views.WilayahList.as_view(), name="daftar"),
    path("<uuid:pk>/", views.WilayahDetail.as_view(), name="detail"),
    path("unit/", views.UnitList.as_view(), name="unit_daftar"),
    path("unit/<uuid:pk>/", views.UnitDetail.as_view(), name="unit_detail"),
    path("pejabat/", views.PejabatList.as_view(), name="pejabat_daftar"),
    path("pejabat/<uuid:pk>/", views.PejabatDetail.as_view(), name="pejabat_detail"),
]
