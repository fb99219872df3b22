"""Demo village plans for Pematang Limau (a river village on the Seruyan): an RPJM Desa
2025–2030 set by Perdes with a dozen lines (a boat landing, farm roads, clean water, posyandu,
BUMDes ...), and a draft RKP Desa 2027 drawn from it. Written through rencana.py as the village
operator (Kepala Desa sets the plan), so the journal and the rules apply as in real use.

Demo values are public; never run this on a production database."""
from __future__ import annotations

import datetime

from django.db import transaction

from apps.akun.models import Pengguna
from apps.akun.scope import covers
from apps.sinkron.context import acting_as, user_label

from . import rencana
from .models import RPJMDes

DESA_DEMO = "62.07.01.2005"

# bidang, kegiatan, lokasi, volume, satuan, sasaran/manfaat, biaya, sumber, pola, years
KEGIATAN = [
    ("02.03.12", "Pengerasan jalan usaha tani ke kebun sawit rakyat", "Dusun I – Sei Bahaur", 1200, "meter",
     "Petani sawit dan karet (± 140 KK)", 540_000_000, "dd", "swakelola", [2026, 2027, 2028]),
    ("04.01.93", "Pembangunan dermaga/tambatan perahu desa", "Tepi Sungai Seruyan, Dusun II", 1, "unit",
     "Nelayan dan angkutan sungai warga", 420_000_000, "bankeu_kab", "swakelola", [2027]),
    ("02.04.11", "Pembangunan sumur bor dan tandon air bersih", "Dusun I dan Dusun III", 3, "unit",
     "Rumah tangga tanpa akses air bersih", 255_000_000, "dd", "swakelola", [2026, 2027, 2028]),
    ("02.04.12", "Sambungan pipa air bersih ke rumah tangga", "Dusun II", 2400, "meter",
     "120 rumah tangga", 180_000_000, "dd", "swakelola", [2028, 2029]),
    ("02.02.02", "Penyelenggaraan Posyandu (makanan tambahan, kelas ibu hamil)", "Posyandu Melati dan Mawar", 12,
     "bulan", "Balita, ibu hamil dan lansia", 36_000_000, "dd", "swakelola", [2025, 2026, 2027, 2028, 2029, 2030]),
    ("02.01.02", "Dukungan penyelenggaraan PAUD (alat permainan edukatif)", "PAUD Tunas Bangsa", 1, "paket",
     "45 anak usia dini", 25_000_000, "add", "swakelola", [2026, 2028]),
    ("02.03.13", "Rehabilitasi jembatan ulin antardusun", "Parit Dusun III", 24, "meter",
     "Warga Dusun III dan anak sekolah", 210_000_000, "dd", "swakelola", [2029]),
    ("04.06.02", "Pelatihan pengelolaan BUMDes dan unit usaha ikan asap", "Balai Desa", 2, "kegiatan",
     "Pengurus BUMDes dan kelompok nelayan", 30_000_000, "dd", "swakelola", [2026, 2027]),
    ("04.02.03", "Penguatan lumbung pangan desa", "Dusun I", 1, "unit", "Rumah tangga rawan pangan",
     60_000_000, "dd", "swakelola", [2028]),
    ("01.04.08", "Pengembangan sistem informasi desa (E-Desa, website)", "Kantor Desa", 1, "paket",
     "Pelayanan warga", 20_000_000, "add", "swakelola", [2025, 2026]),
    ("03.01.04", "Kesiapsiagaan banjir dan karhutla (pelatihan, peralatan)", "Seluruh dusun", 1, "paket",
     "Warga bantaran sungai", 45_000_000, "dd", "swakelola", [2026, 2027, 2028, 2029, 2030]),
    ("02.06.03", "Jaringan internet desa di balai dan sekolah", "Balai Desa dan SDN 1", 2, "titik",
     "Pelajar dan pelayanan desa", 24_000_000, "pades", "pihak_ketiga", [2027]),
]


def _data(baris) -> dict:
    bidang, kegiatan, lokasi, volume, satuan, sasaran, biaya, sumber, pola, tahun = baris
    return {"bidang": bidang, "kegiatan": kegiatan, "lokasi": lokasi, "volume": volume, "satuan": satuan,
            "sasaran_manfaat": sasaran, "perkiraan_biaya": biaya, "sumber_dana": sumber, "pola_pelaksanaan": pola,
            "tahun_pelaksanaan": tahun}


def siapkan(users: dict[str, Pengguna]) -> None:
    """Idempotent: does nothing when the demo village already has its RPJM Desa 2025."""
    operator = users.get("operator") or users.get("sekdes")
    kades = users.get("kades")
    if operator is None or RPJMDes.objects.filter(owner_id=DESA_DEMO, tahun_mulai=2025).exists():
        return
    if kades is None or not covers(kades, "change", RPJMDes, DESA_DEMO):
        kades = operator
    with transaction.atomic():
        with acting_as(user_label(operator)):
            rpjm = rencana.buat_rpjmdes(
                operator, desa=DESA_DEMO, tahun_mulai=2025, lama_tahun=6,
                visi="Terwujudnya Desa Pematang Limau yang maju, sehat dan sejahtera berbasis potensi sungai "
                     "dan perkebunan rakyat",
                misi="Membangun prasarana jalan, jembatan dan dermaga yang menghubungkan dusun dan kebun\n"
                     "Menyediakan air bersih dan layanan kesehatan dasar bagi semua warga\n"
                     "Mengembangkan ekonomi desa melalui BUMDes, perikanan sungai dan ketahanan pangan\n"
                     "Menyelenggarakan pemerintahan desa yang terbuka dan melayani")
            for baris in KEGIATAN:
                rencana.tambah_kegiatan_rpjmdes(operator, rpjm, **_data(baris))
        with acting_as(user_label(kades)):
            rencana.tetapkan(kades, rpjm, "2 Tahun 2025", datetime.date(2025, 3, 17))
        with acting_as(user_label(operator)):
            rkp = rencana.buat_rkpdes(operator, rpjmdes=rpjm, tahun=2027, tanggal_musdes=None)
            rencana.ambil_dari_rpjm(operator, rkp)
