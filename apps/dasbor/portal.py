"""What the public portal shows (no login): aggregates of the kabupaten, a kecamatan or a
village, and its aspirations ANONYMISED: never the reporter, never a confidential (`rahasia`),
hidden or merged one; only the actions marked public. Nothing per person from the population.
Never a tracking code either: the code is the reporter's bearer secret (it opens the status page,
the rating and the reopening at /lapor/status/<kode>/)."""
from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.urls import NoReverseMatch, reverse

from apps.aspirasi.models import Aspirasi, JenisTindakan, TindakanAspirasi
from apps.aspirasi.status import status as status_aspirasi
from apps.wilayah.models import LEVEL_DESA, Wilayah

from . import ringkasan
from .models import CatatanRingkasan

JUMLAH_ASPIRASI = 15
JAWABAN = (JenisTindakan.TANGGAPAN, JenisTindakan.TINDAK_LANJUT, JenisTindakan.SELESAI)


def wilayah_publik(kode: str | None, level: int) -> Wilayah:
    """The kabupaten (level 2), or a kecamatan/desa (level 3/4) of this installation; else 404."""
    kab = settings.EDESA_KABUPATEN
    kode = (kode or kab).strip()[:40]
    if not (kode == kab or kode.startswith(kab + ".")):
        raise Http404("Wilayah tidak ada di portal ini.")
    w = Wilayah.objects.filter(kode=kode, level=level).only("kode", "nama", "tingkat", "level", "induk_id").first()
    if w is None:
        raise Http404("Wilayah tidak ditemukan.")
    return w


def url_wilayah(kode: str, level: int) -> str:
    if level == 3:
        return reverse("portal:kecamatan", args=[kode])
    if level == LEVEL_DESA:
        return reverse("portal:desa", args=[kode])
    return reverse("portal:beranda")


def url_musrenbang() -> str | None:
    try:
        return reverse("musrenbang:beranda")
    except NoReverseMatch:
        return None


TIDAK_DIPUBLIKASI = ("diterima", "ditolak")


def aspirasi_publik(w: Wilayah) -> list[dict]:
    """The newest public aspirations located in `w`, with their public answers."""
    ids = list(CatatanRingkasan.objects.filter(ringkasan.di_bawah("lokasi", w.kode)).order_by("-dibuat")
               .values_list("aspirasi_id", flat=True)[:JUMLAH_ASPIRASI * 4])
    # Published once an office has looked at it: an unverified report may be abusive or carry
    # personal details, and a rejected one was rejected for a reason.
    rows = list(Aspirasi.objects.filter(pk__in=ids, rahasia=False, disembunyikan=False, duplikat_dari__isnull=True)
                .exclude(status__in=TIDAK_DIPUBLIKASI).order_by("-created_at")
                .values("pk", "judul", "kategori__nama", "lokasi__nama", "status", "terbuka",
                        "created_at")[:JUMLAH_ASPIRASI])
    jawaban: dict = {}
    for r in (TindakanAspirasi.objects.filter(aspirasi_id__in=[r["pk"] for r in rows], publik=True, jenis__in=JAWABAN)
              .order_by("waktu").values("aspirasi_id", "jenis", "isi", "waktu")):
        jawaban.setdefault(r["aspirasi_id"], []).append(
            {"jenis": JenisTindakan(r["jenis"]).label, "isi": r["isi"], "waktu": r["waktu"]})
    return [{"judul": r["judul"], "kategori": r["kategori__nama"],
             "lokasi": r["lokasi__nama"], "status": status_aspirasi(r["status"]).label,
             "terbuka": r["terbuka"], "masuk": r["created_at"], "jawaban": jawaban.get(r["pk"], [])} for r in rows]


def halaman(w: Wilayah) -> dict:
    """Everything a portal page shows for `w`."""
    versi = ringkasan.perbarui()
    asp = ringkasan.aspirasi_wilayah(w.kode, versi=versi)
    pop = ringkasan.populasi_wilayah(w.kode)
    mus = ringkasan.musrenbang_wilayah(w.kode)
    anak = []
    if w.level < LEVEL_DESA:
        for kode, nama in Wilayah.objects.filter(induk_id=w.kode).order_by("kode").values_list("kode", "nama"):
            a = asp["per_anak"].get(kode, {})
            p = pop["per_anak"].get(kode, {})
            anak.append({"kode": kode, "nama": nama, "url": url_wilayah(kode, w.level + 1),
                         "penduduk": p.get("penduduk", 0), "keluarga": p.get("keluarga", 0),
                         "aspirasi": a.get("jumlah", 0), "terbuka": a.get("terbuka", 0),
                         "usulan": (mus or {}).get("per_anak", {}).get(kode, 0)})
    jejak = []
    parts = w.kode.split(".")
    for i in range(2, len(parts)):
        kode = ".".join(parts[:i])
        nama = Wilayah.objects.filter(kode=kode).values_list("nama", flat=True).first() or kode
        jejak.append((url_wilayah(kode, i), nama))
    return {
        "w": w, "jejak": jejak, "anak": anak, "penduduk": pop,
        "aspirasi": {k: asp[k] for k in ("total", "terbuka", "median_respon", "sla_persen", "per_kategori")},
        "musrenbang": mus, "url_musrenbang": url_musrenbang(), "daftar": aspirasi_publik(w),
        "url_statistik": reverse("statistik:publik") + f"?wilayah={w.kode}",
    }


def peta(kab: str) -> dict:
    """Per desa public figures for the portal map: residents, open aspirations, proposals."""
    versi = ringkasan.perbarui()
    out = {}
    kec_list = list(Wilayah.objects.filter(induk_id=kab).values_list("kode", flat=True))
    for kec in kec_list:
        asp = ringkasan.aspirasi_wilayah(kec, versi=versi)
        pop = ringkasan.populasi_wilayah(kec)
        mus = ringkasan.musrenbang_wilayah(kec) or {}
        for kode, p in pop["per_anak"].items():
            out.setdefault(kode, {})["penduduk"] = p["penduduk"]
        for kode, a in asp["per_anak"].items():
            out.setdefault(kode, {})["terbuka"] = a["terbuka"]
        for kode, n in mus.get("per_anak", {}).items():
            out.setdefault(kode, {})["usulan"] = n
    for kode, nama in Wilayah.objects.filter(induk_id__in=kec_list, level=LEVEL_DESA).values_list("kode", "nama"):
        d = out.setdefault(kode, {})
        d.update(nama=nama, url=url_wilayah(kode, LEVEL_DESA))
    return out
