"""Journal pages: the regency audit log and each object's history tab."""
from django.contrib.auth.mixins import LoginRequiredMixin
from django.views import generic


class JurnalList(LoginRequiredMixin, generic.TemplateView):
    template_name = "sinkron/jurnal_list.html"
