"""(filled in by its area)."""
app_name = "musrenbang"
urlpatterns: list = []
