"""Import of residents from an OpenSID xlsx: a generated 20,000-row file (about 5,000
families over 2 dusun, 4 RW, 16 RT) into an empty village, end to end: read with calamine,
validate, write in batches with the hash-chained journal. Target: at least 5,000 rows/s.
Also: the same file again (nothing changes, nothing is written) and the OpenSID export."""
from __future__ import annotations

import datetime
import io
import random
import time

from django.db import connection

from apps.kependudukan.ekspor import ekspor_opensid
from apps.kependudukan.impor import KOLOM_OPENSID, impor_berkas
from apps.kependudukan.models import Keluarga, Penduduk
from apps.sinkron.context import acting_as
from apps.sinkron.models import Jurnal, JurnalKepala
from apps.wilayah.models import Wilayah
from bench._util import timed

BARIS = 20_000
HEADER = [h for h, _, _ in KOLOM_OPENSID]
DESA = ["62.07.01.2001", "62.07.01.2002", "62.07.01.2003", "62.07.01.2004", "62.07.01.2005"]
NAMA = ["Ahmad", "Budi", "Siti", "Nur", "Rizki", "Dewi", "Agus", "Sri", "Yohanes", "Maria", "Hendra", "Rina",
        "Slamet", "Wati", "Bambang", "Ani", "Joko", "Lestari", "Made", "Komang"]


def berkas_opensid(n: int = BARIS, seed: int = 7) -> bytes:
    from openpyxl import Workbook

    rng = random.Random(seed)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Data Penduduk")
    ws.append(HEADER)
    i = kk_no = 0
    serial: dict[str, int] = {}
    while i < n:
        kk_no += 1
        no_kk = f"620701{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}{kk_no:06d}"
        dusun = 1 + kk_no % 2
        rw = dusun * 2 - rng.randint(0, 1)
        rt = rng.randint(1, 4)
        for m in range(min(rng.randint(1, 6), n - i)):
            i += 1
            jk = 1 if m == 0 else rng.randint(1, 2)
            lahir = datetime.date(1950, 1, 1) + datetime.timedelta(days=rng.randint(0, 26_000))
            dd = lahir.day + (40 if jk == 2 else 0)
            awalan = f"620701{dd:02d}{lahir:%m%y}"
            serial[awalan] = serial.get(awalan, 0) + 1
            nik = f"{awalan}{serial[awalan]:04d}"
            row = dict.fromkeys(HEADER, "")
            row.update(alamat=f"Jl. Desa No. {kk_no}", dusun=f"Dusun {dusun}", rw=f"{rw:03d}", rt=f"{rt:03d}",
                       nama=f"{rng.choice(NAMA)} {rng.choice(NAMA)}", no_kk=no_kk, nik=nik, sex=jk,
                       tempatlahir="Kuala Pembuang", tanggallahir=lahir, agama_id=rng.randint(1, 6),
                       pendidikan_kk_id=rng.randint(1, 10), pendidikan_sedang_id=18, pekerjaan_id=rng.randint(1, 89),
                       status_kawin=2 if m < 2 else 1, kk_level=1 if m == 0 else (3 if m == 1 else 4),
                       warganegara_id=1, golongan_darah_id=13, status_dasar=1, ktp_el=2, status_rekam=3,
                       id_asuransi=2, suku="Dayak")
            ws.append([row[h] for h in HEADER])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _kosongkan(desa: str) -> None:
    """Back to an empty village without journaling (a bench reset, not a product path)."""
    with connection.cursor() as cur:
        cur.execute("UPDATE kependudukan_keluarga SET kepala_id = NULL")
    Penduduk._base_manager.filter(owner_id=desa)._raw_delete(using="default")
    Keluarga._base_manager.filter(owner_id=desa)._raw_delete(using="default")
    Wilayah._base_manager.filter(kode__startswith=desa + ".")._raw_delete(using="default")
    Jurnal.objects.all()._raw_delete(using="default")
    JurnalKepala.objects.update(seq=0, hash="0" * 64)


def run(report):
    with acting_as("sistem:bench"):
        for kode, nama, tingkat, level, induk, owner in (
            ("62", "Kalimantan Tengah", "provinsi", 1, None, "62"),
            ("62.07", "Kabupaten Seruyan", "kabupaten", 2, "62", "62.07"),
            ("62.07.01", "Seruyan Hilir", "kecamatan", 3, "62.07", "62.07"),
        ):
            Wilayah.objects.create(kode=kode, nama=nama, tingkat=tingkat, level=level, induk_id=induk, owner_id=owner)
        for kode in DESA:
            Wilayah.objects.create(kode=kode, nama=f"Desa {kode[-4:]}", tingkat="desa", level=4, induk_id="62.07.01",
                                   owner_id="62.07")
        data = berkas_opensid()
        hasil = {}
        putaran = iter(DESA)

        cpu: list[float] = []

        def satu_impor():
            desa = next(putaran)
            c = time.process_time()
            hasil["h"] = impor_berkas(data, desa=desa)
            cpu.append(time.process_time() - c)
            hasil["desa"] = desa

        def bersihkan():
            if "desa" in hasil:
                _kosongkan(hasil["desa"])

        samples = timed(satu_impor, 3, before=bersihkan)
        h = hasil["h"]
        assert h.galat == [] and h.ditambah == BARIS, (h.galat[:3], h.ditambah)
        per_detik = [BARIS / s for s in samples]
        report("impor OpenSID xlsx 20.000 baris ke desa kosong (baca + periksa + tulis + jurnal)",
               samples, target_s=BARIS / 5000,
               note=f"{sorted(per_detik)[1]:.0f} baris/detik (median); {h.keluarga_baru} KK; "
                    f"CPU proses {sorted(cpu)[1]:.2f} s (median)")
        desa = hasil["desa"]
        before = Jurnal.objects.count()
        report("impor ulang berkas yang sama (tidak ada yang berubah)",
               timed(lambda: impor_berkas(data, desa=desa), 3), note="tanpa tulis, tanpa entri jurnal")
        assert Jurnal.objects.count() == before
        qs = Penduduk.objects.all()
        report("ekspor OpenSID xlsx 20.000 penduduk",
               timed(lambda: ekspor_opensid(qs, desa=desa, penuh=True), 3))
