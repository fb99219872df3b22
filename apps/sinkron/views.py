"""Journal pages: each object's history tab, and the regency audit log for administrators."""
from __future__ import annotations

from django.apps import apps
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import render
from django.views import View, generic

from apps.akun.models import LogAkses
from apps.akun.scope import allows, get_scoped_or_404, restrict
from apps.akun.viewmixins import ScopedListView

from . import journal
from .models import Jurnal, SyncableModel
from .selectors import boleh_lihat_penuh, pelaku_label, riwayat, snapshot_tampil


def _syncable_model(label: str) -> type[SyncableModel]:
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise Http404("Jenis data tidak dikenal.") from None
    if not issubclass(model, SyncableModel):
        raise Http404("Jenis data tidak dikenal.")
    return model


class Riwayat(LoginRequiredMixin, View):
    """History tab: who changed what and when, with the changed fields side by side.
    Visible to whoever may see the object itself; sensitive fields masked without view_nik."""

    model = None  # resolved from the URL; the scope matrix test reads `model_kwarg`
    model_kwarg = "model"

    def get(self, request, model: str, pk):
        model_cls = _syncable_model(model)
        obj = get_scoped_or_404(model_cls.objects.all(), request.user, "view", pk=pk)
        mask = bool(model_cls.sensitive_fields) and not allows(request.user, "view_nik", obj)
        if model_cls.sensitive_fields and not mask:
            _log_read(request, obj)  # the history shows past NIKs, phones ... in full
        ctx = {
            "object": obj,
            "model_label": model_cls._meta.verbose_name,
            "entri": riwayat(model_cls, obj.pk, mask=mask),
        }
        return render(request, "sinkron/riwayat.html", ctx)


class JurnalList(ScopedListView):
    model = Jurnal
    template_name = "sinkron/jurnal_list.html"
    partial_template_name = "sinkron/_jurnal_rows.html"
    page_key = "seq"

    def filter_queryset(self, qs):
        g = self.request.GET
        if g.get("model"):
            qs = qs.filter(model=g["model"])
        if g.get("op") in {"C", "U", "D"}:
            qs = qs.filter(op=g["op"])
        if g.get("pelaku"):
            qs = qs.filter(actor__icontains=g["pelaku"][:100])
        return qs.only("seq", "node", "model", "object_id", "op", "owner", "actor", "waktu", "hash")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        for e in ctx["object_list"]:
            e.pelaku = pelaku_label(e.actor)
        ctx["model_choices"] = sorted(m._meta.label_lower for m in journal.syncable_models())
        return ctx


class PeriksaRantai(LoginRequiredMixin, View):
    """Recomputes the hash chain on demand (HTMX) and shows the first broken link, if any."""

    model = Jurnal

    def post(self, request):
        if not restrict(Jurnal.objects.all(), request.user, "view").exists() and not request.user.is_superuser:
            raise Http404
        report = journal.verify_chain()
        return render(request, "sinkron/_rantai.html", {"report": report})


class JurnalDetail(LoginRequiredMixin, generic.DetailView):
    model = Jurnal
    template_name = "sinkron/jurnal_detail.html"

    def get_object(self, queryset=None):
        entry = get_scoped_or_404(Jurnal.objects.all(), self.request.user, "view", pk=self.kwargs["pk"])
        # Sensitive fields (a resident's NIK, an aspiration's reporter) are masked as on the
        # history tab; only a full read is a logged access.
        penuh = boleh_lihat_penuh(self.request.user, entry)
        entry.data_tampil = snapshot_tampil(entry, mask=not penuh)
        if sensitive_model(entry.model) and penuh:
            LogAkses.objects.create(pengguna=self.request.user, model=entry.model, object_id=str(entry.object_id),
                                    owner=entry.owner, path=self.request.path[:255])
        return entry


def sensitive_model(label: str) -> bool:
    try:
        return bool(getattr(apps.get_model(label), "sensitive_fields", ()))
    except (LookupError, ValueError):
        return False


def _log_read(request, obj) -> None:
    LogAkses.objects.create(pengguna=request.user, model=obj._meta.label_lower, object_id=str(obj.pk),
                            owner=obj.owner_id or "", path=request.path[:255])
