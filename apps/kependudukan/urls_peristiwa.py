"""URLs of life events, family changes and temporary residents; included by urls.py (app_name kependudukan)."""
urlpatterns: list = []
