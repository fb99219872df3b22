"""URLs of the population books (Permendagri 47/2016) and list exports; included by urls.py (app_name kependudukan)."""
urlpatterns: list = []
