"""The journal over the API: the audit log for administrators (scoped like everything else)."""
from rest_framework import serializers

from apps.akun.api_base import ScopedReadOnlyViewSet

from .models import Jurnal
from .selectors import boleh_lihat_penuh, snapshot_tampil


class JurnalSerializer(serializers.ModelSerializer):
    snapshot = serializers.SerializerMethodField(help_text="Isi data setelah perubahan (JSON).")

    class Meta:
        model = Jurnal
        fields = ["seq", "node", "model", "object_id", "op", "owner", "actor", "request_id", "waktu",
                  "snapshot", "prev_hash", "hash"]

    def get_snapshot(self, obj) -> dict:
        # Sensitive fields masked unless the caller holds the model's "view_nik" grant there.
        request = self.context.get("request")
        user = getattr(request, "user", None)
        return snapshot_tampil(obj, mask=not boleh_lihat_penuh(user, obj))


class JurnalViewSet(ScopedReadOnlyViewSet):
    """Journal entries in the caller's scope, oldest first; filter with ?model=&object_id=&setelah=<seq>."""

    base_queryset = Jurnal.objects.all()
    serializer_class = JurnalSerializer
    ordering = "seq"  # used by KeysetPagination

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        self._log(getattr(self.paginator, "page", None) or [])
        return response

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        self._log([self.get_object()])
        return response

    def _log(self, entries) -> None:
        # Snapshots of residents carry NIKs in full: reading them is a logged access.
        from apps.akun.models import LogAkses

        from .views import sensitive_model

        LogAkses.objects.bulk_create([
            LogAkses(pengguna=self.request.user, model=e.model, object_id=str(e.object_id), owner=e.owner,
                     path=self.request.path[:255])
            for e in entries if sensitive_model(e.model) and boleh_lihat_penuh(self.request.user, e)
        ])

    def get_queryset(self):
        qs = super().get_queryset()
        p = self.request.query_params
        if p.get("model"):
            qs = qs.filter(model=p["model"])
        if p.get("object_id"):
            try:
                import uuid

                qs = qs.filter(object_id=uuid.UUID(p["object_id"]))
            except ValueError:
                return qs.none()
        if (p.get("setelah", "").isascii() and p.get("setelah", "").isdigit()):
            qs = qs.filter(seq__gt=int(p["setelah"]))
        return qs


def register(router) -> None:
    router.register("jurnal", JurnalViewSet, basename="jurnal")
