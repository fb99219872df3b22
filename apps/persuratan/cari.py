"""The search text of archived letters: one lowercased column per letter (`teks_cari`) that
joins its number, subject, sender or addressees, body and the text of its PDF attachments.
Services call `segarkan_*` after any change to those; the archive search (arsip.py) matches
every word of the query against it, inside the unit's own letters."""
from __future__ import annotations

import re

from .models import BerkasPersuratan, Naskah, SuratMasuk

MAKS = 400_000


def _gabung(*bagian) -> str:
    return re.sub(r"\s+", " ", " ".join(str(b) for b in bagian if b)).strip().lower()[:MAKS]


def teks_naskah(n: Naskah) -> str:
    lampiran = BerkasPersuratan.objects.filter(naskah=n).values_list("nama_asli", "teks")
    tujuan = [str(p) for p in n.penerima.select_related("unit")]
    return _gabung(n.nomor, n.perihal, n.get_jenis_display(), n.unit.nama, *tujuan, n.isi,
                   *(f"{a} {t}" for a, t in lampiran))


def teks_masuk(s: SuratMasuk) -> str:
    lampiran = BerkasPersuratan.objects.filter(surat_masuk=s).values_list("nama_asli", "teks")
    isi = s.naskah.isi if s.naskah_id else ""
    lampiran_naskah = (BerkasPersuratan.objects.filter(naskah_id=s.naskah_id).values_list("nama_asli", "teks")
                       if s.naskah_id else [])
    return _gabung(s.nomor_surat, s.perihal, s.pengirim, s.keterangan, isi,
                   *(f"{a} {t}" for a, t in [*lampiran, *lampiran_naskah]))


def segarkan_naskah(n: Naskah) -> None:
    teks = teks_naskah(n)
    if teks != n.teks_cari:
        n.teks_cari = teks
        n.save(update_fields=["teks_cari", "updated_at"])


def segarkan_masuk(s: SuratMasuk) -> None:
    teks = teks_masuk(s)
    if teks != s.teks_cari:
        s.teks_cari = teks
        s.save(update_fields=["teks_cari", "updated_at"])


def kata(q: str) -> list[str]:
    """The words of a search query (lowercased, at most 8, each at least 2 characters)."""
    return [w for w in re.findall(r"[\w./-]+", (q or "").lower()) if len(w) >= 2][:8]
