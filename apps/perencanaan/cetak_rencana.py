"""The village plans as printed documents (Permendagri 114/2014 layout), through the generic
table printer of kependudukan.cetak (Typst PDF, landscape; the same table as xlsx): the RPJM
Desa matrix (a tick per plan year), the RKP Desa matrix, and the "Daftar Usulan RKP Desa" the
village sends to the regency. Each has the village letterhead, the Perdes number and date (or
"DRAF") and the Kepala Desa's signature block; bidang rows carry their totals and the last row
the overall total."""
from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from apps.kependudukan import cetak

from . import rencana
from .models import RKPDes, RPJMDes, StatusRencana


def rupiah(n) -> str:
    return f"{Decimal(n or 0):,.0f}".replace(",", ".")


def angka(n) -> str:
    d = Decimal(n or 0)
    s = f"{d:,.2f}".replace(",", "#").replace(".", ",").replace("#", ".")
    return s[:-3] if s.endswith(",00") else s


def _status(r) -> str:
    if r.status == StatusRencana.DITETAPKAN:
        return f"Ditetapkan dengan Peraturan Desa Nomor {r.nomor_perdes} tanggal {rencana.tanggal_panjang(r.tanggal_perdes)}"
    return "DRAF (belum ditetapkan dengan Peraturan Desa)"


def _ttd(user, r) -> cetak.Ttd:
    kop = cetak.kop_desa(user, r.owner_id)
    return cetak.ttd_kepala(user, r.owner_id, tanggal=r.tanggal_perdes or timezone.localdate(), kop=kop)


def dokumen_rpjmdes(user, rpjm: RPJMDes) -> cetak.Dokumen:
    tahun = list(range(rpjm.tahun_mulai, rpjm.tahun_selesai + 1))
    kolom = ([cetak.Kolom("No", "0.8cm", "center", 5), cetak.Kolom("Bidang/Kegiatan", "2fr", lebar_xlsx=40),
              cetak.Kolom("Lokasi", "1fr", lebar_xlsx=18), cetak.Kolom("Volume", "1.5cm", "right", 12),
              cetak.Kolom("Sasaran/Manfaat", "1.2fr", lebar_xlsx=24)]
             + [cetak.Kolom(str(t), "0.75cm", "center", 6) for t in tahun]
             + [cetak.Kolom("Jumlah (Rp)", "2.2cm", "right", 16), cetak.Kolom("Sumber Dana", "1.6cm", lebar_xlsx=14),
                cetak.Kolom("Pola Pelaksanaan", "1.8cm", lebar_xlsx=16)])
    kepala = [
        [("No", 1, 2), ("Bidang/Kegiatan", 1, 2), ("Lokasi", 1, 2), ("Prakiraan Volume", 1, 2),
         ("Sasaran/Manfaat", 1, 2), ("Waktu Pelaksanaan (Tahun)", len(tahun), 1), ("Biaya dan Sumber", 2, 1),
         ("Pola Pelaksanaan", 1, 2)],
        [*[(str(t), 1, 1) for t in tahun], ("Jumlah (Rp)", 1, 1), ("Sumber", 1, 1)],
    ]
    m = rencana.matriks(rpjm.kegiatan.all())
    kosong = [""] * len(tahun)
    baris = []
    for i, g in enumerate(m.kelompok, start=1):
        baris.append([str(i), g.nama.upper(), "", "", "", *kosong, "", "", ""])
        for j, k in enumerate(g.baris, start=1):
            centang = ["x" if t in (k.tahun_pelaksanaan or []) else "" for t in tahun]
            baris.append([f"{i}.{j}", f"{k.kegiatan} [{k.bidang}]", k.lokasi, f"{angka(k.volume)} {k.satuan}",
                          k.sasaran_manfaat, *centang, rupiah(k.perkiraan_biaya), k.get_sumber_dana_display(),
                          k.get_pola_pelaksanaan_display()])
        baris.append(["", f"Jumlah {g.nama}", "", "", "", *kosong, rupiah(g.jumlah), "", ""])
    baris.append(["", "JUMLAH TOTAL", "", "", "", *kosong, rupiah(m.jumlah), "", ""])
    visi = f"Visi: {rpjm.visi}" if rpjm.visi else ""
    misi = "Misi: " + "; ".join(rpjm.misi.splitlines()) if rpjm.misi else ""
    return cetak.Dokumen(
        judul=f"Rencana Pembangunan Jangka Menengah Desa {rpjm.tahun_mulai}–{rpjm.tahun_selesai}",
        subjudul=_status(rpjm), kolom=kolom, kepala=kepala, baris=baris, kop=cetak.kop_desa(user, rpjm.owner_id),
        ttd=_ttd(user, rpjm), catatan=" · ".join(x for x in (visi, misi) if x))


def dokumen_rkpdes(user, rkp: RKPDes) -> cetak.Dokumen:
    kolom = [cetak.Kolom("No", "0.8cm", "center", 5), cetak.Kolom("Bidang/Kegiatan", "2fr", lebar_xlsx=40),
             cetak.Kolom("Lokasi", "1fr", lebar_xlsx=18), cetak.Kolom("Volume", "1.6cm", "right", 12),
             cetak.Kolom("Sasaran/Manfaat", "1.3fr", lebar_xlsx=26), cetak.Kolom("Waktu", "1.6cm", lebar_xlsx=12),
             cetak.Kolom("Jumlah (Rp)", "2.2cm", "right", 16), cetak.Kolom("Sumber", "1.7cm", lebar_xlsx=14),
             cetak.Kolom("Pola Pelaksanaan", "1.8cm", lebar_xlsx=16), cetak.Kolom("Pelaksana", "1.8cm", lebar_xlsx=16)]
    kepala = [
        [("No", 1, 2), ("Bidang/Kegiatan", 1, 2), ("Lokasi", 1, 2), ("Prakiraan Volume", 1, 2),
         ("Sasaran/Manfaat", 1, 2), ("Waktu Pelaksanaan", 1, 2), ("Biaya dan Sumber", 2, 1),
         ("Pola Pelaksanaan", 1, 2), ("Rencana Pelaksana Kegiatan", 1, 2)],
        [("Jumlah (Rp)", 1, 1), ("Sumber", 1, 1)],
    ]
    m = rencana.matriks(rkp.kegiatan.all())
    baris = []
    for i, g in enumerate(m.kelompok, start=1):
        baris.append([str(i), g.nama.upper(), "", "", "", "", "", "", "", ""])
        for j, k in enumerate(g.baris, start=1):
            sasaran = k.sasaran_manfaat
            if k.jumlah_penerima:
                sasaran = f"{sasaran} ({k.jumlah_penerima} penerima)".strip()
            baris.append([f"{i}.{j}", f"{k.kegiatan} [{k.bidang}]", k.lokasi, f"{angka(k.volume)} {k.satuan}", sasaran,
                          k.waktu_pelaksanaan, rupiah(k.perkiraan_biaya), k.get_sumber_dana_display(),
                          k.get_pola_pelaksanaan_display(), k.pelaksana])
        baris.append(["", f"Jumlah {g.nama}", "", "", "", "", rupiah(g.jumlah), "", "", ""])
    baris.append(["", "JUMLAH TOTAL", "", "", "", "", rupiah(m.jumlah), "", "", ""])
    musdes = (f"Disepakati dalam Musyawarah Desa tanggal {rencana.tanggal_panjang(rkp.tanggal_musdes)}"
              if rkp.tanggal_musdes else "")
    return cetak.Dokumen(
        judul=f"Rencana Kerja Pemerintah Desa Tahun {rkp.tahun}",
        subjudul=f"{_status(rkp)} · Dasar: {rkp.rpjmdes}", kolom=kolom, kepala=kepala, baris=baris,
        kop=cetak.kop_desa(user, rkp.owner_id), ttd=_ttd(user, rkp), catatan=musdes)


def dokumen_usulan(user, desa: str, siklus, usulan: list) -> cetak.Dokumen:
    kolom = [cetak.Kolom("No", "0.8cm", "center", 5), cetak.Kolom("Kegiatan", "2fr", lebar_xlsx=40),
             cetak.Kolom("Lokasi", "1.4fr", lebar_xlsx=24), cetak.Kolom("Volume", "1.8cm", "right", 12),
             cetak.Kolom("Biaya (Rp)", "2.4cm", "right", 16), cetak.Kolom("Sumber Dana", "2.2cm", lebar_xlsx=16),
             cetak.Kolom("Perangkat Daerah Tujuan", "1.4fr", lebar_xlsx=28)]
    baris, jumlah = [], Decimal(0)
    for i, u in enumerate(usulan, start=1):
        lokasi = ", ".join(x for x in (u.lokasi.nama if u.lokasi_id else "", u.lokasi_keterangan) if x)
        baris.append([str(i), f"{u.nama_kegiatan} ({u.kode})", lokasi, f"{angka(u.volume)} {u.satuan}",
                      rupiah(u.perkiraan_biaya), u.get_sumber_dana_display(),
                      u.perangkat_daerah.nama if u.perangkat_daerah_id else "-"])
        jumlah += u.perkiraan_biaya
    baris.append(["", "JUMLAH", "", "", rupiah(jumlah), "", ""])
    kop = cetak.kop_desa(user, desa)
    return cetak.Dokumen(
        judul=f"Daftar Usulan RKP Desa Tahun {siklus.tahun_rencana}" if siklus else "Daftar Usulan RKP Desa",
        subjudul=(f"{siklus.nama} · usulan yang dikirim desa kepada pemerintah kabupaten" if siklus
                  else "Belum ada siklus Musrenbang kabupaten"),
        kolom=kolom, baris=baris, kop=kop,
        ttd=cetak.ttd_kepala(user, desa, tanggal=timezone.localdate(), kop=kop))
