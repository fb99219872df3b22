"""URLs of population statistics and charts; included by urls.py (app_name kependudukan)."""
urlpatterns: list = []
