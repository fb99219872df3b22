"""The life of an aspiration (issue 7): submission (online, or recorded by an operator for a
walk-in, the paper box or a phone call), routing by the category table, the handling units'
actions, the reporter's rating and reopening, and escalation of overdue handling.

Every write runs in one transaction that also updates the projection on `Aspirasi` (status,
open/closed, current unit, deadline). Refusals are ValidationErrors in Bahasa Indonesia keyed
by the field at fault."""
from __future__ import annotations

import datetime
import secrets
from contextlib import nullcontext

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from apps.akun import notifikasi
from apps.akun.models import Keanggotaan
from apps.akun.scope import restrict
from apps.sinkron import journal
from apps.sinkron.context import acting_as
from apps.wilayah import kalender
from apps.wilayah.kode import kode_kabupaten
from apps.wilayah.models import LEVEL_DESA, UnitKerja, Wilayah

from . import foto as foto_mod
from . import sla
from .models import (
    Aspirasi,
    FotoAspirasi,
    JenisTindakan,
    Kanal,
    KategoriAspirasi,
    Klasifikasi,
    Penanganan,
    TindakanAspirasi,
    TingkatPenanganan,
)
from .selectors import unit_pengguna
from .status import terbuka as status_terbuka

ALFABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud or copied from paper
PANJANG_KODE = 10
HARI_BUKA_KEMBALI = 30
# The journal actor of an anonymous report's rows: never the reporter's own account.
AKTOR_ANONIM = "anonim"
JENIS_STAF = ("verifikasi", "tolak", "bukan_kewenangan", "tunda", "teruskan", "tanggapan", "tindak_lanjut",
              "selesai", "catatan")
# What each action does to the handling: (new status or None, counts as the first response).
EFEK = {
    "verifikasi": ("diverifikasi", True), "tolak": ("ditolak", True), "bukan_kewenangan": ("bukan_kewenangan", True),
    "tunda": ("ditunda", False), "tanggapan": ("diproses", True), "tindak_lanjut": ("diproses", False),
    "selesai": ("selesai", True), "catatan": (None, False),
}
WAJIB_ISI = {
    "tolak": "Tuliskan alasan penolakan.",
    "bukan_kewenangan": "Tuliskan alasannya dan ke mana pelapor sebaiknya mengadu.",
    "tunda": "Tuliskan alasan penundaan (kelengkapan yang ditunggu).",
    "tanggapan": "Tuliskan tanggapan untuk pelapor.",
    "tindak_lanjut": "Tuliskan tindak lanjut yang dilakukan.",
    "selesai": "Tuliskan jawaban penyelesaian untuk pelapor.",
    "catatan": "Tuliskan catatan internal.",
}


def _tolak(field_: str, pesan: str):
    raise ValidationError({field_: pesan})


def buat_kode() -> str:
    """A fresh tracking code: 10 characters of a 32-letter alphabet (50 bits), unique."""
    while True:
        kode = "".join(secrets.choice(ALFABET) for _ in range(PANJANG_KODE))
        if not Aspirasi.objects.filter(kode_lacak=kode).exists():
            return kode


def normalkan_kode(kode: str) -> str:
    return "".join(ch for ch in (kode or "").upper() if ch.isalnum())[:16]


# ---------------------------------------------------------------- routing

def unit_desa(desa_kode: str) -> UnitKerja | None:
    return (UnitKerja.objects.filter(wilayah_id=desa_kode, jenis__in=("pemdes", "kelurahan"), aktif=True)
            .order_by("jenis", "kode").first())


def unit_kecamatan(kec_kode: str) -> UnitKerja | None:
    return UnitKerja.objects.filter(wilayah_id=kec_kode, jenis="kecamatan", aktif=True).order_by("kode").first()


def unit_setda(kab: str) -> UnitKerja | None:
    return UnitKerja.objects.filter(wilayah_id=kab, jenis="setda", aktif=True).order_by("kode").first()


def unit_koordinator(kategori: KategoriAspirasi, lokasi: Wilayah) -> UnitKerja | None:
    """The first handler by the routing table: village matters to the village office;
    kecamatan and regency matters to the kecamatan of the location (it verifies and routes);
    a location of the whole regency to the category's agency or the Bupati's office."""
    kode = lokasi.kode
    if lokasi.level >= LEVEL_DESA:
        desa, kec = ".".join(kode.split(".")[:4]), ".".join(kode.split(".")[:3])
        if kategori.tingkat == TingkatPenanganan.DESA:
            unit = unit_desa(desa)
            if unit:
                return unit
        return unit_kecamatan(kec) or unit_desa(desa)
    if lokasi.level == 3:
        return unit_kecamatan(kode)
    return kategori.unit_tujuan or unit_setda(kode_kabupaten(kode))


def anggota_unit(unit_ids) -> list[int]:
    return list(Keanggotaan.objects.filter(unit_id__in=list(unit_ids), aktif=True)
                .values_list("pengguna_id", flat=True).distinct())


def _beri_tahu_unit(asp: Aspirasi, unit: UnitKerja) -> None:
    ids = anggota_unit([unit.pk])
    if ids:
        notifikasi.kirim_banyak(ids, f"Aspirasi baru untuk {unit.nama}: {asp.judul}",
                                f"Kode {asp.kode_lacak}. Batas penyelesaian {asp.tenggat:%d-%m-%Y}.",
                                asp.get_absolute_url())


def _beri_tahu_pelapor(asp: Aspirasi, judul: str) -> None:
    if asp.pelapor_akun_id:
        from apps.akun.models import Pengguna

        notifikasi.kirim(Pengguna(pk=asp.pelapor_akun_id), judul, f"Kode lacak {asp.kode_lacak}.",
                         f"/lapor/status/{asp.kode_lacak}/")


def _penanganan_baru(asp: Aspirasi, unit: UnitKerja, saat: datetime.datetime, libur: frozenset) -> Penanganan:
    t_tanggap, t_selesai = sla.tenggat(timezone.localdate(saat), kode_kabupaten(asp.lokasi_id), asp.klasifikasi,
                                       asp.kategori, libur)
    pen = Penanganan.objects.create(aspirasi=asp, unit=unit, status="diterima", aktif=True, diterima_pada=saat,
                                    tenggat_tanggapan=t_tanggap, tenggat_selesai=t_selesai, owner_id=unit.wilayah_id)
    asp.unit_saat_ini, asp.tenggat = unit, t_selesai
    return pen


# ---------------------------------------------------------------- submission

def _bersih(nilai, batas: int, field_: str, galat: dict, label: str, wajib: bool = True) -> str:
    nilai = (nilai or "").strip()
    if wajib and not nilai:
        galat[field_] = f"Isi {label}."
    elif len(nilai) > batas:
        galat[field_] = f"{label[0].upper()}{label[1:]} paling panjang {batas} karakter."
    return nilai


def kategori_aktif(kabupaten: str):
    return KategoriAspirasi.objects.filter(owner_id=kabupaten, aktif=True).select_related("unit_tujuan")


def ajukan(*, klasifikasi: str, kategori, judul: str, isi: str, lokasi, lat=None, lng=None, anonim: bool = False,
           rahasia: bool = False, nama: str = "", kontak: str = "", foto=None, pengguna=None,
           kanal: str = Kanal.DARING, petugas=None) -> Aspirasi:
    """Records an aspiration and hands it to its first unit. `pengguna`: the logged-in
    reporter (their own account); `petugas`: the operator recording it for someone (kanal
    loket/kotak/telepon), who must be able to add aspirations in the location's area."""
    galat: dict[str, str] = {}
    if klasifikasi not in Klasifikasi.values:
        galat["klasifikasi"] = "Pilih jenis laporan: aspirasi, pengaduan atau permintaan informasi."
    judul = _bersih(judul, 150, "judul", galat, "judul laporan")
    isi = _bersih(isi, 5000, "isi", galat, "isi laporan")
    if isi and len(isi) < 15 and "isi" not in galat:
        galat["isi"] = "Isi laporan terlalu singkat; jelaskan apa, di mana dan sejak kapan (minimal 15 karakter)."
    nama = _bersih(nama, 150, "nama", galat, "nama Anda", wajib=not anonim)
    kontak = _bersih(kontak, 150, "kontak", galat, "kontak", wajib=False)
    if kanal not in Kanal.values:
        galat["kanal"] = "Kanal tidak dikenal."
    lok = lokasi if isinstance(lokasi, Wilayah) else Wilayah.objects.filter(kode=lokasi or "").first()
    if lok is None or lok.level > LEVEL_DESA or lok.level < 2:
        galat["lokasi"] = "Pilih desa/kelurahan lokasi kejadian."
        lok = None
    kab = kode_kabupaten(lok.kode) if lok else ""
    if not isinstance(kategori, KategoriAspirasi):
        # The forms send the category's code (the same in every kabupaten's table).
        kategori = KategoriAspirasi.objects.filter(owner_id=kab, kode=kategori).first() if kategori and kab else None
    if kategori is None or (lok and (kategori.owner_id != kab or not kategori.aktif)):
        galat["kategori"] = "Pilih kategori laporan."
    for _nama_f, nilai, lo, hi in (("lat", lat, -90, 90), ("lng", lng, -180, 180)):
        if nilai in (None, ""):
            continue
        try:
            angka = float(nilai)
        except (TypeError, ValueError):
            angka = None
        if angka is None or not (lo <= angka <= hi):  # NaN fails the comparison too
            galat["lokasi"] = "Titik peta tidak valid; ketuk ulang peta atau kosongkan."
    if (lat in (None, "")) != (lng in (None, "")):
        galat["lokasi"] = "Titik peta harus berisi lintang dan bujur."
    if petugas is not None:
        if kanal == Kanal.DARING:
            galat["kanal"] = "Pilih kanal penerimaan (loket, kotak pengaduan atau telepon)."
        if lok and not restrict(Wilayah.objects.filter(kode=lok.kode), petugas, "view").exists():
            galat["lokasi"] = "Lokasi di luar wilayah kerja Anda."
    if galat:
        raise ValidationError(galat)
    unit = unit_koordinator(kategori, lok)
    if unit is None:
        _tolak("lokasi", "Belum ada kantor yang menangani lokasi ini; hubungi kecamatan setempat.")
    fotos = foto_mod.siapkan(foto or [])
    saat = timezone.now()
    libur = kalender.libur(kab, dari=timezone.localdate(saat))
    owner = ".".join(lok.kode.split(".")[:4]) if lok.level >= LEVEL_DESA else kab
    # A logged-in reporter who chose anonymity must not be named by the journal (history tab,
    # audit log, home page): these rows are written under a neutral actor and a fresh request
    # id. An operator recording a walk-in stays the actor: that names the office, not the reporter.
    pelaku = acting_as(AKTOR_ANONIM) if anonim and petugas is None else nullcontext()
    with pelaku, transaction.atomic():
        journal.begin()
        asp = Aspirasi(
            kode_lacak=buat_kode(), klasifikasi=klasifikasi, kategori=kategori, judul=judul, isi=isi, lokasi=lok,
            lat=lat if lat not in ("", None) else None, lng=lng if lng not in ("", None) else None,
            kecamatan_kode=".".join(lok.kode.split(".")[:3]) if lok.level >= 3 else "", anonim=anonim,
            rahasia=rahasia, kanal=kanal, pelapor_akun=pengguna if getattr(pengguna, "is_authenticated", False) else None,
            pelapor_nama=nama, pelapor_kontak=kontak, dicatat_oleh=petugas, status="diterima", terbuka=True,
            owner_id=owner)
        asp.unit_saat_ini, asp.tenggat = unit, None
        asp.save()
        _penanganan_baru(asp, unit, saat, libur)
        asp.save()
        for f in fotos:
            FotoAspirasi.objects.create(aspirasi=asp, berkas=foto_mod.berkas_django(f), jenis_mime=f.jenis_mime,
                                        owner_id=owner)
        TindakanAspirasi.objects.create(aspirasi=asp, jenis=JenisTindakan.DITERIMA, unit=unit, pengguna=petugas,
                                        isi=f"Diterima dan diteruskan ke {unit.nama}.", publik=True, waktu=saat,
                                        owner_id=owner)
        _beri_tahu_unit(asp, unit)
    return asp


# ---------------------------------------------------------------- staff actions

def _kunci(asp: Aspirasi) -> None:
    """Locks the aspiration's row (in the caller's transaction) and reloads `asp` from it, so
    the checks that follow see a state no other request can change until commit."""
    list(Aspirasi.objects.select_for_update().filter(pk=asp.pk).values_list("pk", flat=True))
    asp.refresh_from_db()


def penanganan_aktif(asp: Aspirasi) -> Penanganan | None:
    return asp.penanganan.filter(aktif=True).select_related("unit").order_by("-diterima_pada").first()


def unit_bertindak(pengguna, asp: Aspirasi, pen: Penanganan | None = None) -> UnitKerja | None:
    """The user's unit that holds the current handling, if any."""
    pen = pen if pen is not None else penanganan_aktif(asp)
    if pen is None:
        return None
    return next((u for u in unit_pengguna(pengguna) if u.pk == pen.unit_id), None)


PESAN_TUJUAN = ("Pilih unit tujuan: pemerintah desa/kelurahan lokasi, kecamatannya, perangkat daerah "
                "atau Kantor Bupati di kabupaten ini.")


def tujuan_penerusan(asp: Aspirasi):
    """The units an aspiration can be routed to, i.e. those whose staff can then see and act
    on it: the location's village office and its kecamatan, and the regency's agencies and
    Bupati's office. (Another village or kecamatan would get it out of its scope, and it
    would rot there.)"""
    kode = asp.lokasi_id
    bagian = kode.split(".")
    q = Q(jenis__in=("pd", "setda"), wilayah_id=kode_kabupaten(kode))
    if len(bagian) >= 4:
        q |= Q(jenis__in=("pemdes", "kelurahan"), wilayah_id=".".join(bagian[:4]))
    if len(bagian) >= 3:
        q |= Q(jenis="kecamatan", wilayah_id=".".join(bagian[:3]))
    return UnitKerja.objects.filter(q, aktif=True).order_by("jenis", "nama")


def tindak(pengguna, asp: Aspirasi, jenis: str, isi: str = "", ke_unit=None) -> TindakanAspirasi:
    """One action of the unit holding the current handling (any unit of the user may add an
    internal note on an aspiration it can see)."""
    if not restrict(Aspirasi.objects.filter(pk=asp.pk), pengguna, "view").exists():
        _tolak("jenis", "Aspirasi tidak ditemukan.")
    if jenis not in JENIS_STAF:
        _tolak("jenis", "Pilih tindakan yang tersedia.")
    isi = (isi or "").strip()
    if jenis in WAJIB_ISI and not isi:
        _tolak("isi", WAJIB_ISI[jenis])
    if len(isi) > 5000:
        _tolak("isi", "Isi paling panjang 5000 karakter.")
    if jenis == "teruskan" and not isinstance(ke_unit, UnitKerja):
        ke_unit = UnitKerja.objects.filter(pk=ke_unit).first() if ke_unit else None
    saat = timezone.now()
    with transaction.atomic():
        journal.begin()
        # The state is read under the row lock: a double tap or a colleague's action since the
        # page was drawn must not act twice (two active handlings) or act on a closed one.
        _kunci(asp)
        pen = penanganan_aktif(asp)
        unit = unit_bertindak(pengguna, asp, pen)
        if jenis == "catatan":
            unit = unit or next(iter(unit_pengguna(pengguna)), None)
            if unit is None:
                _tolak("jenis", "Anda tidak bekerja di unit mana pun.")
        else:
            if not asp.terbuka:
                _tolak("jenis", "Aspirasi ini sudah ditutup.")
            if unit is None or not restrict(Aspirasi.objects.filter(pk=asp.pk), pengguna, "change").exists():
                _tolak("jenis", "Aspirasi ini sedang ditangani unit lain; Anda hanya dapat menambah catatan internal.")
        if jenis == "teruskan":
            if ke_unit is None or not tujuan_penerusan(asp).filter(pk=ke_unit.pk).exists():
                _tolak("ke_unit", PESAN_TUJUAN)
            if ke_unit.pk == unit.pk:
                _tolak("ke_unit", "Unit tujuan sama dengan unit Anda.")
        if jenis == "teruskan":
            pen.status, pen.aktif = "diteruskan", False
            pen.ditanggapi_pada = pen.ditanggapi_pada or saat
            pen.save()
            libur = kalender.libur(kode_kabupaten(asp.lokasi_id), dari=timezone.localdate(saat))
            _penanganan_baru(asp, ke_unit, saat, libur)
            asp.status, asp.terbuka = "diteruskan", True
            asp.ditanggapi_pada = asp.ditanggapi_pada or saat
            asp.save()
            _beri_tahu_unit(asp, ke_unit)
            publik = True
        else:
            status_baru, tanggapan = EFEK[jenis]
            publik = jenis != "catatan"
            if status_baru:
                pen.status = status_baru
                if tanggapan and not pen.ditanggapi_pada:
                    pen.ditanggapi_pada = saat
                if not status_terbuka(status_baru):
                    pen.aktif, pen.selesai_pada = False, saat
                pen.save()
                asp.status, asp.terbuka = status_baru, status_terbuka(status_baru)
                if tanggapan and not asp.ditanggapi_pada:
                    asp.ditanggapi_pada = saat
                if not asp.terbuka:
                    asp.selesai_pada = saat
                asp.save()
        t = TindakanAspirasi.objects.create(aspirasi=asp, jenis=jenis, unit=unit, ke_unit=ke_unit if jenis == "teruskan" else None,
                                            pengguna=pengguna, isi=isi, publik=publik, waktu=saat, owner_id=unit.wilayah_id)
        if publik:
            _beri_tahu_pelapor(asp, f"Laporan Anda diperbarui: {JenisTindakan(jenis).label}")
    return t


# ---------------------------------------------------------------- the reporter

def cari_kode(kode: str) -> Aspirasi | None:
    return Aspirasi.objects.filter(kode_lacak=normalkan_kode(kode)).select_related(
        "kategori", "lokasi", "unit_saat_ini", "duplikat_dari").first()


def _boleh_nilai(asp: Aspirasi) -> None:
    if asp.status != "selesai":
        _tolak("nilai", "Penilaian hanya dapat diberikan setelah laporan selesai.")
    if asp.nilai:
        _tolak("nilai", "Laporan ini sudah dinilai.")


def nilai(asp: Aspirasi, nilai_: int | str | None, komentar: str = "") -> Aspirasi:
    """The reporter's rating (1-5) of a finished aspiration, once."""
    try:
        n = int(nilai_)
    except (TypeError, ValueError):
        n = 0
    if not 1 <= n <= 5:
        _tolak("nilai", "Pilih nilai 1 sampai 5.")
    komentar = (komentar or "").strip()
    if len(komentar) > 300:
        _tolak("komentar", "Komentar paling panjang 300 karakter.")
    _boleh_nilai(asp)
    saat = timezone.now()
    with transaction.atomic():
        journal.begin()
        _kunci(asp)  # two taps on "Kirim" must not rate twice: checked again under the lock
        _boleh_nilai(asp)
        asp.nilai, asp.komentar_nilai = n, komentar
        asp.save()
        TindakanAspirasi.objects.create(aspirasi=asp, jenis=JenisTindakan.NILAI, isi=f"Nilai {n}/5. {komentar}".strip(),
                                        publik=True, waktu=saat, owner_id=asp.owner_id)
    return asp


def boleh_buka_kembali(asp: Aspirasi, hari: datetime.date | None = None) -> bool:
    if asp.status != "selesai" or asp.selesai_pada is None:
        return False
    hari = hari or timezone.localdate()
    return (hari - timezone.localdate(asp.selesai_pada)).days <= HARI_BUKA_KEMBALI


def buka_kembali(asp: Aspirasi, alasan: str) -> Aspirasi:
    """The reporter reopens a finished aspiration within 30 days: a new handling for the unit
    that finished it."""
    alasan = (alasan or "").strip()
    if not alasan:
        _tolak("alasan", "Tuliskan alasan membuka kembali laporan.")
    if len(alasan) > 1000:
        _tolak("alasan", "Alasan paling panjang 1000 karakter.")
    pesan = f"Laporan hanya dapat dibuka kembali dalam {HARI_BUKA_KEMBALI} hari setelah selesai."
    if not boleh_buka_kembali(asp):
        _tolak("alasan", pesan)
    saat = timezone.now()
    with transaction.atomic():
        journal.begin()
        _kunci(asp)  # two taps must not open two handlings: checked again under the lock
        if not boleh_buka_kembali(asp):
            _tolak("alasan", pesan)
        terakhir = asp.penanganan.select_related("unit").order_by("-diterima_pada").first()
        libur = kalender.libur(kode_kabupaten(asp.lokasi_id), dari=timezone.localdate(saat))
        _penanganan_baru(asp, terakhir.unit, saat, libur)
        asp.status, asp.terbuka, asp.selesai_pada = "dibuka_kembali", True, None
        asp.save()
        TindakanAspirasi.objects.create(aspirasi=asp, jenis=JenisTindakan.BUKA_KEMBALI, unit=terakhir.unit,
                                        isi=alasan, publik=True, waktu=saat, owner_id=asp.owner_id)
        _beri_tahu_unit(asp, terakhir.unit)
    return asp


# ---------------------------------------------------------------- escalation

HARI_ESKALASI_2 = 3


def _penerima_eskalasi(pen: Penanganan, tingkat: int) -> list[int]:
    from apps.wilayah.models import Jabatan
    from apps.wilayah.selectors import pemegang_jabatan

    if tingkat == 1:
        jabatan = Jabatan.objects.filter(unit_id=pen.unit_id, is_kepala=True).values_list("pk", flat=True)
        ids = [u.pk for u in pemegang_jabatan(jabatan).values()]
        return ids or anggota_unit([pen.unit_id])
    kab = kode_kabupaten(pen.aspirasi.lokasi_id)
    setda = UnitKerja.objects.filter(wilayah_id=kab, jenis="setda").values_list("pk", flat=True)
    ids = anggota_unit(setda)
    ids += list(Keanggotaan.objects.filter(peran="bupati", wilayah_id=kab, aktif=True)
                .values_list("pengguna_id", flat=True))
    return ids


def eskalasi(hari: datetime.date | None = None) -> int:
    """Escalates overdue handling: level 1 (the unit's head) once the completion deadline has
    passed, level 2 (the Bupati's office) when it is overdue by more than 3 working days.
    Idempotent: each level is recorded on the handling and done once."""
    hari = hari or timezone.localdate()
    n = 0
    libur_kab: dict[str, frozenset] = {}
    qs = (Penanganan.objects.filter(aktif=True, tenggat_selesai__lt=hari, eskalasi__lt=2, aspirasi__terbuka=True)
          .select_related("aspirasi", "unit"))
    for pen in qs:
        kab = kode_kabupaten(pen.aspirasi.lokasi_id)
        if kab not in libur_kab:
            libur_kab[kab] = kalender.libur(kab)
        telat = sla.hari_terlambat(pen.tenggat_selesai, hari, libur_kab[kab])
        tingkat = 2 if telat > HARI_ESKALASI_2 else 1 if telat >= 1 else 0
        if tingkat <= pen.eskalasi:
            continue
        with transaction.atomic():
            journal.begin()
            pen.eskalasi = tingkat
            pen.save()
            sasaran = "kepala unit" if tingkat == 1 else "Kantor Bupati"
            TindakanAspirasi.objects.create(
                aspirasi=pen.aspirasi, jenis=JenisTindakan.ESKALASI, unit=pen.unit, publik=False,
                isi=f"Terlambat {telat} hari kerja dari tenggat {pen.tenggat_selesai:%d-%m-%Y}; "
                    f"eskalasi tingkat {tingkat} ke {sasaran}.",
                waktu=timezone.now(), owner_id=pen.unit.wilayah_id)
            ids = _penerima_eskalasi(pen, tingkat)
            if ids:
                notifikasi.kirim_banyak(ids, f"Aspirasi terlambat (eskalasi {tingkat}): {pen.aspirasi.judul}",
                                        f"{pen.unit.nama}, terlambat {telat} hari kerja.",
                                        pen.aspirasi.get_absolute_url())
        n += 1
    return n
