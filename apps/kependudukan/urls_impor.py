"""URLs of import and export of spreadsheets (OpenSID, SIAK); included by urls.py (app_name kependudukan)."""
urlpatterns: list = []
