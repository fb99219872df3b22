"""What the home page shows, per role and scope: figures, what needs attention, recent changes.
Every read goes through the scoping function; aggregates use the `view_agregat` grant."""
from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count
from django.urls import reverse

from apps.akun.models import Keanggotaan
from apps.akun.scope import memberships, restrict
from apps.sinkron.models import Jurnal
from apps.sinkron.selectors import pelaku_label
from apps.wilayah.models import LEVEL_DESA, UnitKerja, Wilayah


@dataclass
class Perhatian:
    tingkat: str  # bootstrap colour: danger, warning, info
    ikon: str
    teks: str
    url: str = ""


def struktur_wilayah(user) -> dict[str, int]:
    rows = restrict(Wilayah.objects.all(), user, "view").values("tingkat").annotate(n=Count("pk"))
    return {r["tingkat"]: r["n"] for r in rows}


def perubahan_terbaru(user, n: int = 8) -> list[dict]:
    rows = list(restrict(Jurnal.objects.all(), user, "view_ringkas")
                .order_by("-seq").values("seq", "model", "op", "owner", "actor", "waktu")[:n])
    for r in rows:
        r["pelaku"] = pelaku_label(r["actor"])
        try:
            r["jenis"] = str(apps.get_model(r["model"])._meta.verbose_name).capitalize()
        except LookupError:
            r["jenis"] = r["model"]
    return rows


def desa_tanpa_operator(user) -> list[UnitKerja]:
    """Village offices in scope where nobody holds an active operator or sekdes role."""
    staffed = Keanggotaan.objects.filter(aktif=True, peran__in=["operator_desa", "sekdes"]).values("wilayah_id")
    return list(restrict(UnitKerja.objects.filter(jenis__in=["pemdes", "kelurahan"], aktif=True), user, "view")
                .exclude(wilayah_id__in=staffed).select_related("wilayah").order_by("wilayah_id"))


def perhatian(user, *, otp_aktif: bool, penduduk_ringkas: dict | None) -> list[Perhatian]:
    items: list[Perhatian] = []
    peran = {m.peran for m in memberships(user)}
    if peran and peran != {"warga"} and not otp_aktif:
        items.append(Perhatian("warning", "shield-exclamation",
                               "Verifikasi dua langkah belum aktif. Aktifkan agar akun Anda tidak mudah dibobol.",
                               reverse("akun:otp_pasang")))
    if peran & {"admin_kabupaten", "camat", "staf_kecamatan"}:
        kosong = desa_tanpa_operator(user)
        if kosong:
            nama = ", ".join(u.wilayah.nama for u in kosong[:5]) + (" ..." if len(kosong) > 5 else "")
            items.append(Perhatian("warning", "person-x",
                                   f"{len(kosong)} desa/kelurahan belum punya operator atau sekdes dengan akun: {nama}.",
                                   reverse("akun:pengguna_daftar") if "admin_kabupaten" in peran else ""))
    if penduduk_ringkas:
        sementara = penduduk_ringkas.get("nik_sementara", 0)
        if sementara:
            items.append(Perhatian("info", "person-vcard",
                                   f"{sementara} penduduk masih memakai NIK sementara; lengkapi setelah NIK terbit.",
                                   reverse("kependudukan:penduduk_daftar") + "?nik_sementara=1"))
    if peran & {"kepala_desa", "sekdes", "operator_desa"}:
        items += _surat_menunggu(user, peran)
        desa = [m.wilayah_id for m in memberships(user) if m.peran in {"kepala_desa", "sekdes", "operator_desa"}]
        tanpa_rt = Wilayah.objects.filter(kode__in=desa).exclude(
            kode__in=Wilayah.objects.filter(level=7).values("owner_id")).values_list("nama", flat=True)
        for nama in tanpa_rt:
            items.append(Perhatian("warning", "diagram-3",
                                   f"Struktur dusun/RW/RT {nama} belum diisi; penduduk tidak dapat dicatat alamatnya.",
                                   reverse("wilayah:daftar")))
    return items


def _surat_menunggu(user, peran: set[str]) -> list[Perhatian]:
    """Requests to check (operator, sekdes) and letters to sign (kepala desa, sekdes)."""
    from apps.surat.selectors import antrean_ringkas

    n = antrean_ringkas(user)
    items = []
    url = reverse("surat:antrian")
    if peran & {"sekdes", "operator_desa"} and n.get("diajukan"):
        items.append(Perhatian("info", "envelope-paper",
                               f"{n['diajukan']} permohonan surat menunggu diperiksa.", url + "?status=diajukan"))
    if peran & {"kepala_desa", "sekdes"} and n.get("diperiksa"):
        items.append(Perhatian("warning", "pen",
                               f"{n['diperiksa']} surat menunggu tanda tangan Anda.", url + "?status=diperiksa"))
    return items


def anak_wilayah_dengan_penduduk(user, per_desa: dict[str, int]) -> tuple[str, list[dict]]:
    """The level just below the user's widest scope, with living residents per region:
    kecamatan for a kabupaten role, desa for a camat, dusun for a village role."""
    roots = sorted({m.wilayah_id for m in memberships(user)}, key=len)
    if not roots:
        return "", []
    root = roots[0]
    level = root.count(".") + 2  # "62.07" (level 2) -> children at level 3
    children = list(restrict(Wilayah.objects.filter(induk_id=root), user, "view").order_by("kode").values("kode", "nama", "tingkat"))
    rows = []
    for c in children:
        if level <= LEVEL_DESA:
            total = sum(n for kode, n in per_desa.items() if kode == c["kode"] or kode.startswith(c["kode"] + "."))
        else:
            total = None
        rows.append({**c, "penduduk": total})
    top = max([r["penduduk"] or 0 for r in rows], default=0)
    for r in rows:
        r["persen"] = round(100 * (r["penduduk"] or 0) / top) if top else 0
    return root, rows


def keluarga_saya(user) -> list:
    """A resident's own family, for the warga home page (through the same scoping)."""
    from apps.kependudukan.models import Penduduk

    return list(restrict(Penduduk.objects.all(), user, "view").filter(status_dasar=1)
                .select_related("keluarga").order_by("shdk", "tanggal_lahir"))


def piramida(kelompok: list[dict]) -> list[dict]:
    """Age groups oldest first, with bar widths relative to the largest group of either sex."""
    top = max([max(k["laki_laki"], k["perempuan"]) for k in kelompok], default=0) or 1
    return [{**k, "persen_l": round(100 * k["laki_laki"] / top), "persen_p": round(100 * k["perempuan"] / top)}
            for k in reversed(kelompok)]


def peta_anak(user, rows: list[dict]) -> dict | None:
    """Child regions shaded by living residents, for the home-page map (static/js/peta.js)."""
    from django.urls import reverse

    found = {w.kode: w for w in restrict(Wilayah.objects.filter(kode__in=[r["kode"] for r in rows]), user, "view")
             .only("pk", "kode", "nama", "batas", "lat", "lng")}
    features = []
    for r in rows:
        w = found.get(r["kode"])
        if w is None:
            continue
        geometry = w.batas or ({"type": "Point", "coordinates": [w.lng, w.lat]} if w.lat is not None else None)
        if geometry:
            features.append({"type": "Feature", "geometry": geometry, "properties": {
                "nama": w.nama, "nilai": r["penduduk"] or 0, "url": reverse("wilayah:detail", args=[w.pk])}})
    return {"anak": {"type": "FeatureCollection", "features": features}, "skala": "penduduk"} if features else None


def ringkasan_persuratan(user) -> dict | None:
    """The e-office card for staff who work in a unit: unread incoming letters, open and overdue
    dispositions (`persuratan.masuk.jumlah_menunggu`, two queries), and the naskah waiting for
    the user's initials or signature (one query). None for users in no unit (no query)."""
    from apps.persuratan import masuk
    from apps.persuratan.selectors import unit_pengguna

    if not unit_pengguna(user):
        return None
    return {**masuk.jumlah_menunggu(user), **naskah_menunggu_saya(user)}


def naskah_menunggu_saya(user) -> dict:
    """{"naskah_paraf": n, "naskah_ttd": n}: naskah of the user's units whose current review
    step is a position the user holds today (definitif, Plt/Plh, or delegated), and those ready
    to be signed by such a position. One query: the held positions are subqueries."""
    from django.db.models import Exists, OuterRef, Q
    from django.utils import timezone

    from apps.persuratan.models import Naskah, ParafNaskah, StatusNaskah, StatusParaf
    from apps.wilayah.models import Delegasi, Pejabat
    from apps.wilayah.selectors import delegasi_aktif_q, pejabat_aktif_q

    hari = timezone.localdate()
    pejabat = Pejabat.objects.filter(pejabat_aktif_q(hari=hari), pengguna=user).values("jabatan_id")
    delegasi = Delegasi.objects.filter(delegasi_aktif_q(hari=hari), kepada=user).values("jabatan_id")

    def dipegang(kolom: str) -> Q:
        return Q(**{f"{kolom}__in": pejabat}) | Q(**{f"{kolom}__in": delegasi})

    # The step waiting now is the lowest pending one: pending, held by the user, none before it.
    sebelumnya = ParafNaskah.objects.filter(naskah=OuterRef("naskah"), status=StatusParaf.MENUNGGU,
                                            urutan__lt=OuterRef("urutan"))
    langkah_saya = (ParafNaskah.objects.filter(dipegang("jabatan_id"), naskah=OuterRef("pk"),
                                               status=StatusParaf.MENUNGGU).exclude(Exists(sebelumnya)))
    qs = restrict(Naskah.objects.filter(status__in=[StatusNaskah.PARAF, StatusNaskah.SIAP_TTD]), user, "view")
    hasil = qs.order_by().aggregate(
        paraf=Count("pk", filter=Q(Exists(langkah_saya), status=StatusNaskah.PARAF)),
        ttd=Count("pk", filter=dipegang("jabatan_penandatangan_id") & Q(status=StatusNaskah.SIAP_TTD)))
    return {"naskah_paraf": hasil["paraf"], "naskah_ttd": hasil["ttd"]}
