"""Home page per role: what needs attention in the user's scope."""
from django.contrib.auth.mixins import LoginRequiredMixin
from django.views import generic


class Beranda(LoginRequiredMixin, generic.TemplateView):
    template_name = "dasbor/beranda.html"
