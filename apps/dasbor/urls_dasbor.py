"""(filled in by its area)."""
app_name = "dasbor_pimpinan"
urlpatterns: list = []
