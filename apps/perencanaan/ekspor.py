"""The xlsx export of a village's or kecamatan's proposals in the layout agencies use: one row
per proposal per stage (No, Kode, Usulan, Lokasi, Volume, Satuan, Biaya, Sumber, Urusan, PD,
Skor, Peringkat, Keputusan, Alasan), public data only."""
from __future__ import annotations

from apps.kependudukan import cetak

from . import publik

KOLOM = ["No", "Kode", "Tahap", "Usulan", "Lokasi", "Volume", "Satuan", "Biaya (Rp)", "Sumber", "Urusan", "PD", "Skor",
         "Peringkat", "Keputusan", "Alasan"]


def baris(data: list[dict], nama_desa: dict) -> list[list]:
    out = []
    for i, d in enumerate(data, 1):
        u = d["usulan"]
        lokasi = f"{nama_desa.get(u.owner_id, u.owner_id)}{' · ' + u.lokasi_keterangan if u.lokasi_keterangan else ''}"
        awal = [i, u.kode, "Usulan desa", u.nama_kegiatan, lokasi, float(u.volume), u.satuan, int(u.perkiraan_biaya),
                u.get_sumber_dana_display(), u.get_urusan_display(), "", "", "", u.get_status_display(), ""]
        out.append(awal)
        for j in d["jejak"]:
            r = j.revisi
            if r is None:
                continue
            alasan = r.alasan
            if r.peringkat_manual:
                alasan = f"{alasan} (Peringkat ditetapkan manual: {r.alasan_manual})".strip()
            out.append(["", u.kode, j.tahap.get_jenis_display(), u.nama_kegiatan, lokasi, float(r.volume), r.satuan,
                        int(r.perkiraan_biaya), u.get_sumber_dana_display(), u.get_urusan_display(),
                        r.perangkat_daerah.nama if r.perangkat_daerah else "", float(r.skor), r.peringkat or "",
                        r.get_keputusan_display(), alasan])
    return out


def dokumen(wilayah, siklus) -> cetak.Dokumen:
    from apps.wilayah.models import Wilayah

    data = publik.usulan_wilayah(siklus, wilayah.kode)
    kode_desa = {d["usulan"].owner_id for d in data}
    nama = dict(Wilayah.objects.filter(kode__in=kode_desa).values_list("kode", "nama"))
    return cetak.Dokumen(
        judul=f"Usulan Musrenbang {wilayah.nama}", subjudul=siklus.nama,
        kolom=[cetak.Kolom(k, lebar_xlsx=w) for k, w in zip(KOLOM, (5, 16, 22, 36, 24, 9, 10, 15, 20, 20, 24, 7, 9, 20, 40),
                                                            strict=True)],
        baris=baris(data, nama))
