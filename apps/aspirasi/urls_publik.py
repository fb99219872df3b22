"""(filled in by its area)."""
app_name = "lapor"
urlpatterns: list = []
