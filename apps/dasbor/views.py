"""Home page per role: the figures of the user's area, what needs attention, recent changes."""
from django.contrib.auth.mixins import LoginRequiredMixin
from django.views import generic
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.akun.scope import has_action, memberships
from apps.kependudukan.models import Penduduk
from apps.kependudukan.selectors import ringkasan

from . import selectors


class Beranda(LoginRequiredMixin, generic.TemplateView):
    template_name = "dasbor/beranda.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        peran = {m.peran for m in memberships(user)}
        ctx["keanggotaan"] = memberships(user)
        if peran == {"warga"}:
            ctx["warga"] = True
            ctx["anggota_keluarga"] = selectors.keluarga_saya(user)
            return ctx
        penduduk = ringkasan(user) if has_action(user, Penduduk, "view_agregat") or user.is_superuser else None
        otp_aktif = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        struktur = selectors.struktur_wilayah(user)
        per_desa = {r["kode"]: r["jumlah"] for r in (penduduk or {}).get("per_desa", [])}
        root, anak = selectors.anak_wilayah_dengan_penduduk(user, per_desa)
        ctx.update(
            penduduk=penduduk,
            piramida=selectors.piramida((penduduk or {}).get("kelompok_umur", [])),
            struktur=struktur,
            jumlah_desa=sum(struktur.get(t, 0) for t in ("desa", "desa_adat", "kelurahan")),
            perhatian=selectors.perhatian(user, otp_aktif=otp_aktif, penduduk_ringkas=penduduk),
            perubahan=selectors.perubahan_terbaru(user),
            anak_wilayah=anak,
            peta=selectors.peta_anak(user, anak) if anak and len(root) < 13 else None,
            root=root,
            persuratan=selectors.ringkasan_persuratan(user),
        )
        return ctx
