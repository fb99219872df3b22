"""Pseudonymous demo residents in realistic families, so a fresh install shows real-looking data.

`generate_penduduk` writes families (KK) and their members with bulk_create (journaled like
any write) in batches. Everything but the UUIDs follows from the seed: the same seed gives the
same people, names, NIKs and No KK. Names come from Faker('id_ID') pools drawn once with the
seed (Faker is slow per call); proportions come from demo_data.py.
"""
from __future__ import annotations

import datetime
import math
import random
import time
from collections import Counter
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field

from django.db import connection, transaction
from faker import Faker

from apps.sinkron.context import acting_as, current_actor
from apps.sinkron.ids import uuid7
from apps.wilayah.models import Wilayah

from . import demo_data as D
from .demo_keluarga import Orang, susun_keluarga
from .models import Keluarga, Penduduk
from .validasi import normalisasi_nama

L, P = 1, 2
_KOLOM = [f.attname for f in Penduduk._meta.concrete_fields]
_BAWAAN = {f.attname: f.get_default() for f in Penduduk._meta.concrete_fields}
_AWALAN_HP = ["0812", "0813", "0821", "0822", "0852", "0853", "0857", "0878", "0895"]


@dataclass
class DemoResult:
    penduduk: int
    keluarga: int
    detik: float
    per_desa: dict[str, int] = field(default_factory=dict)


def bagi_per_desa(desa_rt: dict[str, list[str]], jumlah: int, rng: random.Random) -> dict[str, int]:
    """Residents per village: proportional to its number of RT, with log-normal variance
    (kelurahan, the towns, are larger). Largest-remainder rounding keeps the exact total."""
    kodes = sorted(desa_rt)
    if not kodes:
        return {}
    mean_rt = max(sum(len(v) for v in desa_rt.values()) / len(kodes), 1)
    weights = []
    for k in kodes:
        w = (0.5 + 0.5 * len(desa_rt[k]) / mean_rt) * rng.lognormvariate(0, 0.35)
        weights.append(w * (1.8 if k.rsplit(".", 1)[-1].startswith("1") else 1.0))
    total = sum(weights)
    exact = [jumlah * w / total for w in weights]
    counts = [math.floor(x) for x in exact]
    for i in sorted(range(len(kodes)), key=lambda i: exact[i] - counts[i], reverse=True)[: jumlah - sum(counts)]:
        counts[i] += 1
    return dict(zip(kodes, counts, strict=True))


class _Pabrik:
    """Turns family shapes into Penduduk/Keluarga rows: names, numbers, schooling, work."""

    def __init__(self, rng: random.Random, seed: int, acuan: datetime.date, nama_tempat: dict[str, str]):
        self.rng, self.acuan, self.nama_tempat = rng, acuan, nama_tempat
        fake = Faker("id_ID")
        fake.seed_instance(seed)
        self.depan = {L: sorted({fake.first_name_male() for _ in range(3000)}),
                      P: sorted({fake.first_name_female() for _ in range(2000)})}
        self.belakang = {L: sorted({fake.last_name_male() for _ in range(1000)}),
                         P: sorted({fake.last_name_female() for _ in range(1000)})}
        self.jalan = sorted({fake.street_name() for _ in range(600)})
        used = Penduduk.objects.exists() or Keluarga.objects.exists()
        self.nik_terpakai = set(Penduduk.objects.values_list("nik", flat=True)) if used else set()
        self.kk_terpakai = set(Keluarga.objects.values_list("no_kk", flat=True)) if used else set()
        self.serial: Counter[str] = Counter()

    # -- numbers
    def _nomor(self, awalan12: str, terpakai: set[str]) -> str:
        while True:
            self.serial[awalan12] += 1
            nomor = f"{awalan12}{self.serial[awalan12]:04d}"
            if nomor not in terpakai:
                terpakai.add(nomor)
                return nomor

    def nik(self, wilayah6: str, o: Orang) -> str:
        dd = o.lahir.day + (40 if o.jk == P else 0)
        return self._nomor(f"{wilayah6}{dd:02d}{o.lahir:%m%y}", self.nik_terpakai)

    def no_kk(self, wilayah6: str, tanggal: datetime.date) -> str:
        return self._nomor(f"{wilayah6}{tanggal:%d%m%y}", self.kk_terpakai)

    # -- names
    def nama(self, jk: int, agama: int) -> str:
        r = self.rng
        parts = []
        if agama == D.ISLAM and r.random() < 0.3:
            parts.append(r.choice(D.AWALAN_ISLAM_L if jk == L else D.AWALAN_ISLAM_P))
        elif agama in (D.KRISTEN, D.KATOLIK) and r.random() < 0.35:
            parts.append(r.choice(D.AWALAN_KRISTEN_L if jk == L else D.AWALAN_KRISTEN_P))
        parts.append(r.choice(self.depan[jk]))
        if r.random() < 0.65 or len(parts) == 1 and r.random() < 0.5:
            parts.append(r.choice(self.belakang[jk]))
        return " ".join(parts)

    # -- schooling and work
    def sekolah_kerja(self, o: Orang, umur: int, pesisir: bool) -> tuple[int, int, int]:
        """(pendidikan_kk, pendidikan_sedang, pekerjaan) consistent with age and sex."""
        r = self.rng
        if umur < 7:
            return 1, (1 if umur < 4 else 2), 1
        if umur <= 12:
            return 2, 4, (3 if r.random() < 0.96 else 1)
        if umur <= 15:
            return 3, 6, (3 if r.random() < 0.92 else 1)
        if umur <= 18 and r.random() < 0.78:
            return 4, 7, 3
        if 18 <= umur <= 23 and r.random() < 0.12:
            return 5, 11, 3
        tabel = D.PENDIDIKAN_MUDA if umur <= 40 else D.PENDIDIKAN_MADYA if umur < 60 else D.PENDIDIKAN_TUA
        pend = 4 if umur <= 18 else tabel.pilih(r)
        if umur >= 60:
            kerja = (D.PEKERJAAN_LANSIA_L if o.jk == L else D.PEKERJAAN_LANSIA_P).pilih(r)
        elif o.jk == L:
            kerja = (D.PEKERJAAN_PESISIR_L if pesisir else D.PEKERJAAN_L).pilih(r)
        else:
            kerja = D.PEKERJAAN_P.pilih(r)
        if umur <= 18 and kerja not in (1, 9, 19, 20, 2):
            kerja = 1
        return max(pend, D.BUTUH_SARJANA.get(kerja, 0)), 18, kerja

    def telepon(self) -> str:
        r = self.rng
        return r.choice(_AWALAN_HP) + "".join(str(r.randrange(10)) for _ in range(r.choice((7, 8))))


def _umur(lahir: datetime.date, acuan: datetime.date) -> int:
    return acuan.year - lahir.year - ((acuan.month, acuan.day) < (lahir.month, lahir.day))


def _baris_keluarga(pb: _Pabrik, desa: str, rts: list[str], anggota: list[Orang], pesisir: bool):
    """One family's Keluarga object and its members' Penduduk objects (not yet saved)."""
    r, acuan = pb.rng, pb.acuan
    wilayah6 = desa[0:2] + desa[3:5] + desa[6:8]
    kab4 = wilayah6[:4]
    rt = r.choice(rts) if rts else desa
    suku = D.SUKU.pilih(r)
    agama = D.AGAMA_SUKU[suku].pilih(r)
    kepala = anggota[0]
    # The card was (re)issued some time after the head came of age, not before 2004.
    awal = max(datetime.date(2004, 1, 1), kepala.lahir + datetime.timedelta(days=365 * 17))
    hari = max((acuan - awal).days, 1)
    terdaftar = awal + datetime.timedelta(days=r.randrange(hari))
    alamat = f"{r.choice(pb.jalan)} No. {r.randint(1, 150)}"
    kk = Keluarga(id=uuid7(), no_kk=pb.no_kk(wilayah6, terdaftar), alamat=alamat, wilayah_id=rt, owner_id=desa,
                  tanggal_terdaftar=terdaftar)
    tempat_desa = pb.nama_tempat.get(desa, "")
    rows = []
    for o in anggota:
        o.id = uuid7()
        umur = _umur(o.lahir, acuan)
        o.agama = agama if r.random() < 0.97 else D.AGAMA_SUKU[D.SUKU.pilih(r)].pilih(r)
        o.nama = pb.nama(o.jk, o.agama)
        luar = umur >= 20 and o.shdk not in (4, 6) and r.random() < 0.12
        if luar and suku in D.ASAL_LUAR and r.random() < 0.6:
            asal6 = r.choice(D.ASAL_LUAR[suku]) + f"{r.randint(1, 20):02d}"
            tempat = r.choice(D.TEMPAT_LUAR[suku])
        elif luar:
            asal6 = r.choice(D.KOTA_KALTENG) + f"{r.randint(1, 12):02d}"
            tempat = r.choice(D.TEMPAT_KALTENG)
        else:
            asal6, tempat = wilayah6, tempat_desa
        o.nik = pb.nik(asal6, o)
        pend, sedang, kerja = pb.sekolah_kerja(o, umur, pesisir)
        ayah, ibu = o.ayah, o.ibu
        v = dict(_BAWAAN)
        v.update(
            id=o.id, owner_id=desa, nik=o.nik, nama=o.nama, nama_cari=normalisasi_nama(o.nama), jenis_kelamin=o.jk,
            tempat_lahir=tempat, tanggal_lahir=o.lahir, agama=o.agama, pendidikan_kk=pend, pendidikan_sedang=sedang,
            pekerjaan=kerja, status_perkawinan=o.kawin, golongan_darah=D.GOLONGAN_DARAH.pilih(r), suku=suku,
            keluarga_id=kk.id, shdk=o.shdk,
            nik_ayah=ayah.nik if ayah else "", nama_ayah=ayah.nama if ayah else pb.nama(L, o.agama),
            nik_ibu=ibu.nik if ibu else "", nama_ibu=ibu.nama if ibu else pb.nama(P, o.agama),
            cacat=D.CACAT.pilih(r), sakit_menahun=D.SAKIT_LANSIA.pilih(r) if umur >= 50 else 14,
            wilayah_id=rt, alamat=alamat, telepon=pb.telepon() if 18 <= umur <= 65 and r.random() < 0.45 else "",
        )
        if o.lahir.year >= 2006 and r.random() < 0.8:
            v["no_akta_lahir"] = f"{kab4}-LT-{o.lahir:%d%m%Y}-{r.randint(1, 9999):04d}"
        rows.append(Penduduk(*[v[k] for k in _KOLOM]))
    kk.kepala_id = kepala.id
    return kk, rows


def _perbarui_statistik() -> None:
    """Fresh planner statistics after a bulk load (SQLite and PostgreSQL both take this)."""
    qn = connection.ops.quote_name
    with connection.cursor() as cur:
        for model in (Keluarga, Penduduk):
            cur.execute(f"ANALYZE {qn(model._meta.db_table)}")


def generate_penduduk(
    *,
    desa_rt: dict[str, list[str]],
    jumlah: int,
    seed: int,
    progress: Callable[[int, int], None] | None = None,
    acuan: datetime.date | None = None,
    batch: int = 8000,
) -> DemoResult:
    """Create `jumlah` residents in families across the villages of `desa_rt` (desa code ->
    its RT codes; an empty list puts families directly under the desa). `acuan` is the
    reference date for ages (today by default). Returns counts and the time taken."""
    started = time.perf_counter()
    acuan = acuan or datetime.date.today()
    rng = random.Random(seed)
    nama_tempat = dict(Wilayah.objects.filter(kode__in=list(desa_rt)).values_list("kode", "nama"))
    pb = _Pabrik(rng, seed, acuan, nama_tempat)
    target = bagi_per_desa(desa_rt, jumlah, rng)
    kk_buf: list[Keluarga] = []
    orang_buf: list[Penduduk] = []
    done = n_kk = 0

    def flush():
        nonlocal done, n_kk
        if not orang_buf:
            return
        # Heads are inserted after their family row; the FK is checked at commit (deferred).
        Keluarga.objects.bulk_create(kk_buf, batch_size=1000)
        Penduduk.objects.bulk_create(orang_buf, batch_size=1000)
        done += len(orang_buf)
        n_kk += len(kk_buf)
        kk_buf.clear()
        orang_buf.clear()
        if progress:
            progress(done, jumlah)

    label = current_actor().label
    # One transaction: a load that fails halfway leaves no half-filled registry behind.
    with acting_as("sistem:demo_penduduk") if label == "sistem" else nullcontext(), transaction.atomic():
        for desa in sorted(target):
            sisa = target[desa]
            pesisir = desa[:8] in D.KECAMATAN_PESISIR
            rts = sorted(desa_rt[desa])
            while sisa > 0:
                anggota = susun_keluarga(rng, acuan)[:sisa]
                kk, rows = _baris_keluarga(pb, desa, rts, anggota, pesisir)
                kk_buf.append(kk)
                orang_buf.extend(rows)
                sisa -= len(rows)
                if len(orang_buf) >= batch:
                    flush()
        flush()
    _perbarui_statistik()
    return DemoResult(penduduk=done, keluarga=n_kk, detik=time.perf_counter() - started, per_desa=target)
