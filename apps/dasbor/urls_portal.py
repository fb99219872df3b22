"""(filled in by its area)."""
app_name = "portal"
urlpatterns: list = []
