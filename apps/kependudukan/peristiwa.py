"""Life events (peristiwa) and family operations: the only writes that change a resident's
status dasar, family (KK, SHDK) or home village.

Each function runs in one transaction: the journal head is locked first (`journal.begin()`,
then the rows with select_for_update, so two writers queue instead of deadlocking), the input
and the resident's current state are checked, the resident and family rows are saved
(journaled by the model layer), one append-only `Peristiwa` is written per affected person,
and `ensure_allowed` rolls everything back if any written row lands outside the user's scope.
Refusals are ValidationError with Indonesian messages keyed by the field at fault.
"""
from __future__ import annotations

import datetime
import re
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from apps.akun.scope import ensure_allowed
from apps.sinkron import journal

from . import kode, services
from .models import Keluarga, Penduduk, Peristiwa
from .validasi import normalisasi_nama

HIDUP, MATI, PINDAH, HILANG, PERGI, TIDAK_VALID = 1, 2, 3, 4, 6, 9
KEPALA, ANAK = services.KEPALA_KELUARGA, 4
STATUS = dict(kode.STATUS_DASAR)
SHDK = dict(kode.SHDK)
JENIS = dict(Peristiwa.JENIS)

# Which status dasar each event may start from.
BOLEH_DARI: dict[int, tuple[int, ...]] = {
    Peristiwa.MATI: (HIDUP, HILANG, PERGI),
    Peristiwa.PINDAH_KELUAR: (HIDUP, PERGI),
    Peristiwa.HILANG: (HIDUP,),
    Peristiwa.PERGI: (HIDUP,),
    Peristiwa.KEMBALI: (HILANG, PERGI),
}
STATUS_SESUDAH = {Peristiwa.MATI: MATI, Peristiwa.PINDAH_KELUAR: PINDAH, Peristiwa.HILANG: HILANG,
                  Peristiwa.PERGI: PERGI, Peristiwa.KEMBALI: HIDUP}
# Events after which the person no longer belongs to a family of this village.
KELUAR_KELUARGA = (Peristiwa.MATI, Peristiwa.PINDAH_KELUAR)

TEMPAT_DILAHIRKAN = [("rs", "Rumah sakit/rumah bersalin"), ("puskesmas", "Puskesmas"), ("polindes", "Polindes"),
                     ("rumah", "Rumah"), ("lainnya", "Lainnya")]
PENOLONG = [("dokter", "Dokter"), ("bidan", "Bidan/perawat"), ("dukun", "Dukun"), ("lainnya", "Lainnya")]
# How the details kept in `rincian` are labelled on screen.
LABEL_RINCIAN = {
    "jam": "Jam", "tempat_dilahirkan": "Tempat dilahirkan", "berat_gram": "Berat (gram)",
    "panjang_cm": "Panjang (cm)", "penolong": "Penolong kelahiran", "pelapor": "Pelapor",
    "hubungan_pelapor": "Hubungan pelapor", "sekeluarga": "Pindah sekeluarga", "operasi": "Perubahan",
    "shdk_sebelum": "Hubungan sebelum", "shdk_sesudah": "Hubungan sesudah",
    "desa_asal": "Kode desa asal", "ambil_alih": "Data dari desa asal",
}
OPERASI = {"pindah": "Pindah ke KK lain", "pecah": "Pecah KK", "bentuk": "Bentuk KK baru",
           "kepala_baru": "Menjadi kepala keluarga", "lahir": "Lahir", "keluar": "Keluar dari KK"}
NIK_DITOLAK = ("NIK ini sudah terdaftar dan tidak dapat dicatat datang dengan data ini. Bila penduduk pindah "
               "dari desa lain, desa asal harus lebih dulu mencatat pindah keluar, dan NIK, nama serta tanggal "
               "lahir harus sama dengan surat pindah (SKPWNI).")


def _tgl(d: datetime.date) -> str:
    return date_format(d, "j F Y")


def tindakan_tersedia(status_dasar: int) -> list[int]:
    """The events a resident with this status may get next (the "Catat peristiwa" menu)."""
    return [jenis for jenis, dari in BOLEH_DARI.items() if status_dasar in dari]


class _Galat:
    """Collects every refusal, so the operator fixes all fields in one go."""

    def __init__(self):
        self.errors: dict[str, list[str]] = {}

    def __call__(self, field: str, pesan: str) -> None:
        self.errors.setdefault(field, []).append(pesan)

    def __contains__(self, field: str) -> bool:
        return field in self.errors

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def _periksa_tanggal(gagal: _Galat, p: Penduduk | None, tanggal, tanggal_lapor, *, lahir: datetime.date | None = None):
    """Event date: given, not in the future, not before birth, not before the person's latest
    event; the report date not before the event nor in the future."""
    hari_ini = timezone.localdate()
    if tanggal is None:
        gagal("tanggal", "Tanggal peristiwa wajib diisi.")
    elif tanggal > hari_ini:
        gagal("tanggal", f"Tanggal peristiwa ({_tgl(tanggal)}) tidak boleh di masa depan.")
    else:
        lahir = lahir or (p.tanggal_lahir if p is not None else None)
        if lahir and tanggal < lahir:
            nama = p.nama if p is not None else "penduduk"
            gagal("tanggal", f"Tanggal peristiwa ({_tgl(tanggal)}) sebelum tanggal lahir {nama} ({_tgl(lahir)}).")
        elif p is not None and p.pk:
            _periksa_urutan(gagal, p, tanggal)
    if tanggal_lapor is not None:
        if tanggal_lapor > hari_ini:
            gagal("tanggal_lapor", "Tanggal lapor tidak boleh di masa depan.")
        elif tanggal and tanggal_lapor < tanggal:
            gagal("tanggal_lapor", "Tanggal lapor tidak boleh sebelum tanggal peristiwa.")


def _periksa_urutan(gagal: _Galat, p: Penduduk, tanggal: datetime.date) -> None:
    """Events of a person follow each other in time: none may be dated before his latest one,
    nor before his birth."""
    if tanggal < p.tanggal_lahir:
        gagal("tanggal", f"Tanggal peristiwa ({_tgl(tanggal)}) sebelum tanggal lahir {p.nama} ({_tgl(p.tanggal_lahir)}).")
        return
    akhir = (Peristiwa.objects.filter(penduduk_id=p.pk, tanggal__gt=tanggal).order_by("-tanggal")
             .values_list("jenis", "tanggal").first())
    if akhir:
        gagal("tanggal", f"{p.nama} sudah punya peristiwa {JENIS[akhir[0]].lower()} tanggal {_tgl(akhir[1])}; "
                         "peristiwa baru harus bertanggal sama atau sesudahnya.")


def _periksa_status(gagal: _Galat, p: Penduduk, jenis: int) -> None:
    if p.status_dasar in BOLEH_DARI[jenis]:
        return
    if jenis == Peristiwa.MATI and p.status_dasar == MATI:
        pesan = f"{p.nama} sudah tercatat meninggal."
    elif p.status_dasar == PINDAH:
        pesan = f"{p.nama} sudah pindah keluar dari desa ini; peristiwa berikutnya dicatat desa tujuan."
    elif p.status_dasar == MATI:
        pesan = f"{p.nama} sudah tercatat meninggal; tidak ada peristiwa lain sesudahnya."
    else:
        dari = " atau ".join(STATUS[s].lower() for s in BOLEH_DARI[jenis])
        pesan = (f"{p.nama} berstatus {STATUS[p.status_dasar].lower()}; peristiwa {JENIS[jenis].lower()} "
                 f"hanya untuk penduduk berstatus {dari}.")
    gagal("penduduk", pesan)


def _kunci_penduduk(pk, user, action: str = "change") -> Penduduk:
    p = Penduduk.objects.select_for_update(of=("self",)).select_related("keluarga").get(pk=pk)
    ensure_allowed(user, action, p)
    return p


def _kunci_keluarga(pk, user) -> Keluarga:
    k = Keluarga.objects.select_for_update().get(pk=pk)
    ensure_allowed(user, "change", k)
    return k


def _simpan_peristiwa(user, p: Penduduk, jenis: int, *, tanggal, tanggal_lapor, status_sebelum, keluarga_sebelum_id,
                      **kolom: Any) -> Peristiwa:
    kolom = {k: ("" if v is None else v) for k, v in kolom.items()}
    rincian = {k: v for k, v in (kolom.pop("rincian", None) or {}).items() if v not in (None, "")}
    ev = Peristiwa(
        penduduk=p, jenis=jenis, tanggal=tanggal, tanggal_lapor=tanggal_lapor or timezone.localdate(),
        status_sebelum=status_sebelum, status_sesudah=p.status_dasar, keluarga_sebelum_id=keluarga_sebelum_id,
        keluarga_sesudah_id=p.keluarga_id, wilayah_id=p.wilayah_id, owner_id=p.owner_id, rincian=rincian, **kolom,
    )
    ev.full_clean(exclude=["penduduk", "keluarga_sebelum", "keluarga_sesudah", "wilayah", "owner"],
                  validate_unique=False, validate_constraints=False)
    ev.save()
    ensure_allowed(user, "add", ev)
    return ev


def _mutasi(user, p: Penduduk, *, tanggal, tanggal_lapor, keluarga_sebelum_id, shdk_sebelum, operasi: str,
            keterangan: str = "", **rincian) -> Peristiwa:
    return _simpan_peristiwa(
        user, p, Peristiwa.MUTASI_KK, tanggal=tanggal, tanggal_lapor=tanggal_lapor, status_sebelum=p.status_dasar,
        keluarga_sebelum_id=keluarga_sebelum_id, keterangan=keterangan,
        rincian={"operasi": operasi, "shdk_sebelum": shdk_sebelum, "shdk_sesudah": p.shdk, **rincian},
    )


def _kepala_baru(gagal: _Galat, kk: Keluarga | None, keluar: set, kepala_baru) -> Penduduk | None:
    """The member named to head `kk` because its head is among those leaving it (`keluar`):
    None when none is named; an error when one is named but the head stays."""
    if kepala_baru in (None, ""):
        return None
    if kk is None or kk.kepala_id not in keluar:
        gagal("kepala_baru", "Kepala keluarga baru hanya dipilih bila kepala keluarga yang lama ikut keluar dari KK.")
        return None
    pk = kepala_baru.pk if isinstance(kepala_baru, Penduduk) else kepala_baru
    calon = Penduduk.objects.select_for_update().filter(pk=pk).first()
    if calon is None or calon.keluarga_id != kk.pk or calon.pk in keluar:
        gagal("kepala_baru", "Kepala keluarga baru harus anggota KK yang sama dan tidak ikut keluar.")
        return None
    if calon.status_dasar != HIDUP:
        gagal("kepala_baru", f"{calon.nama} berstatus {STATUS[calon.status_dasar].lower()}; "
                             "kepala keluarga baru harus penduduk yang hidup.")
        return None
    return calon


def _ganti_kepala(user, kk: Keluarga, calon: Penduduk | None, *, tanggal, tanggal_lapor) -> list[Peristiwa]:
    """The head left `kk`: `calon` heads it now (recorded as his family change), or no one does."""
    kk.kepala = calon
    kk.save()
    if calon is None:
        return []
    shdk_lama = calon.shdk
    calon.shdk = KEPALA
    calon.save()
    ensure_allowed(user, "change", calon)
    return [_mutasi(user, calon, tanggal=tanggal, tanggal_lapor=tanggal_lapor, keluarga_sebelum_id=kk.pk,
                    shdk_sebelum=shdk_lama, operasi="kepala_baru",
                    keterangan="Menjadi kepala keluarga menggantikan kepala yang keluar dari KK.")]


# ---------------------------------------------------------------- status events

def _status_event(user, jenis: int, penduduk: Penduduk | Any, *, tanggal, tanggal_lapor=None, kepala_baru=None,
                  **kolom: Any) -> Peristiwa:
    with transaction.atomic():
        journal.begin()  # lock order: journal head, then rows
        p = _kunci_penduduk(penduduk.pk if isinstance(penduduk, Penduduk) else penduduk, user)
        gagal = _Galat()
        _periksa_status(gagal, p, jenis)
        _periksa_tanggal(gagal, p, tanggal, tanggal_lapor)
        kk = _kunci_keluarga(p.keluarga_id, user) if p.keluarga_id and jenis in KELUAR_KELUARGA else None
        kepala_pergi = kk is not None and kk.kepala_id == p.pk
        calon = _kepala_baru(gagal, kk, {p.pk}, kepala_baru)
        gagal.raise_if_any()
        status_lama, kk_lama, shdk_lama = p.status_dasar, p.keluarga_id, p.shdk
        p.status_dasar = STATUS_SESUDAH[jenis]
        if kk is not None:
            p.keluarga, p.shdk = None, None
        p.save()
        ensure_allowed(user, "change", p)
        if kk_lama and kk is not None:
            kolom.setdefault("rincian", {})["shdk_sebelum"] = shdk_lama
        ev = _simpan_peristiwa(user, p, jenis, tanggal=tanggal, tanggal_lapor=tanggal_lapor, status_sebelum=status_lama,
                               keluarga_sebelum_id=kk_lama, **kolom)
        if kepala_pergi:
            _ganti_kepala(user, kk, calon, tanggal=tanggal, tanggal_lapor=tanggal_lapor)
        return ev


def catat_mati(*, user, penduduk, tanggal, tempat: str = "", sebab: str = "", pelapor: str = "",
               hubungan_pelapor: str = "", jam: str = "", tanggal_lapor=None, keterangan: str = "",
               kepala_baru=None) -> Peristiwa:
    """Death: status MATI; the person leaves the family (the event keeps which one)."""
    return _status_event(user, Peristiwa.MATI, penduduk, tanggal=tanggal, tanggal_lapor=tanggal_lapor,
                         kepala_baru=kepala_baru, tempat=tempat, alasan=sebab, keterangan=keterangan,
                         rincian={"jam": jam, "pelapor": pelapor, "hubungan_pelapor": hubungan_pelapor})


def _periksa_tujuan(gagal: _Galat, kode_wilayah: str, alamat: str, *, field_kode: str, field_alamat: str) -> str:
    kode_wilayah = (kode_wilayah or "").strip()
    # A code outside this kabupaten is not in our tree, so only its shape is checked.
    if kode_wilayah and not re.fullmatch(r"\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?", kode_wilayah):
        gagal(field_kode, f"Kode wilayah {kode_wilayah} tidak berbentuk kode Kemendagri (mis. 62.07.01.2005).")
    if not (alamat or "").strip():
        gagal(field_alamat, "Alamat wajib diisi (desa/kelurahan, kecamatan, kabupaten/kota).")
    return kode_wilayah


def catat_pindah_keluar(*, user, penduduk, tanggal, alamat_tujuan: str, kode_wilayah_tujuan: str = "",
                        alasan: str = "", tanggal_lapor=None, keterangan: str = "", kepala_baru=None,
                        _sekeluarga: bool = False) -> Peristiwa:
    """Moving out of the village: status PINDAH, out of the family, destination recorded."""
    gagal = _Galat()
    kode_tujuan = _periksa_tujuan(gagal, kode_wilayah_tujuan, alamat_tujuan, field_kode="kode_wilayah_tujuan",
                                  field_alamat="alamat_tujuan")
    gagal.raise_if_any()
    return _status_event(user, Peristiwa.PINDAH_KELUAR, penduduk, tanggal=tanggal, tanggal_lapor=tanggal_lapor,
                         kepala_baru=kepala_baru, kode_wilayah_lain=kode_tujuan, alamat_lain=alamat_tujuan.strip(),
                         alasan=alasan, keterangan=keterangan, rincian={"sekeluarga": _sekeluarga or None})


def catat_pindah_keluarga(*, user, keluarga, tanggal, alamat_tujuan: str, kode_wilayah_tujuan: str = "",
                          alasan: str = "", tanggal_lapor=None, keterangan: str = "") -> list[Peristiwa]:
    """A whole family moves out at once: every member who lives (or is away) moves, all or none."""
    with transaction.atomic():
        journal.begin()
        kk = _kunci_keluarga(keluarga.pk if isinstance(keluarga, Keluarga) else keluarga, user)
        anggota = list(Penduduk.objects.select_for_update().filter(keluarga=kk).order_by("pk"))
        pindah = [a for a in anggota if a.status_dasar in BOLEH_DARI[Peristiwa.PINDAH_KELUAR]]
        if not pindah:
            raise ValidationError({"keluarga": "KK ini tidak punya anggota yang dapat dicatat pindah keluar."})
        # The head last, so the others leave a family that still has him as head.
        pindah.sort(key=lambda a: a.pk == kk.kepala_id)
        out = []
        for a in pindah:
            try:
                out.append(catat_pindah_keluar(
                    user=user, penduduk=a, tanggal=tanggal, alamat_tujuan=alamat_tujuan,
                    kode_wilayah_tujuan=kode_wilayah_tujuan, alasan=alasan, tanggal_lapor=tanggal_lapor,
                    keterangan=keterangan, _sekeluarga=True,
                ))
            except ValidationError as exc:
                if "penduduk" in exc.message_dict or "tanggal" in exc.message_dict:
                    # Which member holds the family move back, by name.
                    raise ValidationError({k: [m if a.nama in m else f"{a.nama}: {m}" for m in v]
                                           for k, v in exc.message_dict.items()}) from None
                raise
        return out


def catat_hilang(*, user, penduduk, tanggal, pelapor: str = "", tanggal_lapor=None, keterangan: str = "") -> Peristiwa:
    """Missing: status HILANG; stays in the family until found (kembali) or declared dead."""
    return _status_event(user, Peristiwa.HILANG, penduduk, tanggal=tanggal, tanggal_lapor=tanggal_lapor,
                         keterangan=keterangan, rincian={"pelapor": pelapor})


def catat_pergi(*, user, penduduk, tanggal, alamat_tujuan: str = "", alasan: str = "", tanggal_lapor=None,
                keterangan: str = "") -> Peristiwa:
    """Gone away without moving out formally: status PERGI; stays in the family."""
    return _status_event(user, Peristiwa.PERGI, penduduk, tanggal=tanggal, tanggal_lapor=tanggal_lapor,
                         alamat_lain=alamat_tujuan, alasan=alasan, keterangan=keterangan)


def catat_kembali(*, user, penduduk, tanggal, tanggal_lapor=None, keterangan: str = "") -> Peristiwa:
    """Back from hilang or pergi: status HIDUP again."""
    return _status_event(user, Peristiwa.KEMBALI, penduduk, tanggal=tanggal, tanggal_lapor=tanggal_lapor,
                         keterangan=keterangan)


# ---------------------------------------------------------------- lahir and datang

def catat_lahir(*, user, keluarga, nama: str, jenis_kelamin: int, tanggal_lahir, agama: int | None = None,
                nik: str = "", shdk: int = ANAK, tempat_lahir: str = "", jam: str = "", tempat_dilahirkan: str = "",
                berat_gram: int | None = None, panjang_cm: int | None = None, penolong: str = "",
                pelapor: str = "", hubungan_pelapor: str = "", tanggal_lapor=None, keterangan: str = "",
                setujui_peringatan: bool = False, **lainnya: Any) -> Peristiwa:
    """A birth: the baby becomes a resident of `keluarga` (address from the family, parents
    from its head and spouse when known). Without a NIK the baby gets a temporary one."""
    with transaction.atomic():
        journal.begin()
        kk = _kunci_keluarga(keluarga.pk if isinstance(keluarga, Keluarga) else keluarga, user)
        gagal = _Galat()
        if shdk == KEPALA:
            gagal("shdk", "Bayi tidak dapat menjadi kepala keluarga.")
        _periksa_tanggal(gagal, None, tanggal_lahir, tanggal_lapor)
        if "tanggal" in gagal:
            gagal.errors["tanggal_lahir"] = gagal.errors.pop("tanggal")
        for field, nilai, lo, hi, label in (("berat_gram", berat_gram, 200, 8000, "Berat lahir"),
                                            ("panjang_cm", panjang_cm, 20, 70, "Panjang lahir")):
            if nilai is not None and not lo <= nilai <= hi:
                gagal(field, f"{label} {nilai} di luar batas wajar ({lo}–{hi}).")
        gagal.raise_if_any()
        ortu = _orang_tua(kk)
        for key in ("nik_ayah", "nama_ayah", "nik_ibu", "nama_ibu"):
            if not lainnya.get(key) and ortu.get(key):
                lainnya[key] = ortu[key]
        lainnya.setdefault("alamat", kk.alamat)
        bayi = services.create_penduduk(
            user=user, nik=(nik or "").strip(), nik_sementara=not (nik or "").strip(), nama=nama,
            jenis_kelamin=jenis_kelamin, tanggal_lahir=tanggal_lahir, agama=agama or ortu.get("agama"),
            status_perkawinan=1, wilayah=kk.wilayah_id, keluarga=kk, shdk=shdk, tempat_lahir=tempat_lahir,
            tanggal_terdaftar=tanggal_lahir, setujui_peringatan=setujui_peringatan, **lainnya,
        )
        return _simpan_peristiwa(
            user, bayi, Peristiwa.LAHIR, tanggal=tanggal_lahir, tanggal_lapor=tanggal_lapor, status_sebelum=None,
            keluarga_sebelum_id=None, tempat=tempat_lahir, keterangan=keterangan,
            rincian={"jam": jam, "tempat_dilahirkan": tempat_dilahirkan, "berat_gram": berat_gram,
                     "panjang_cm": panjang_cm, "penolong": penolong, "pelapor": pelapor,
                     "hubungan_pelapor": hubungan_pelapor},
        )


def _orang_tua(kk: Keluarga) -> dict:
    """Father and mother of a newborn as far as the family card tells: the head and the
    living spouse (SHDK suami/istri) of the other sex."""
    rows = list(Penduduk.objects.filter(keluarga=kk, status_dasar=HIDUP, shdk__in=(KEPALA, 2, 3))
                .values("nik", "nama", "jenis_kelamin", "shdk", "agama", "nik_sementara"))
    out: dict = {}
    for r in sorted(rows, key=lambda r: r["shdk"]):
        peran = "ayah" if r["jenis_kelamin"] == 1 else "ibu"
        if f"nama_{peran}" in out:
            continue
        out[f"nama_{peran}"] = r["nama"]
        if not r["nik_sementara"]:
            out[f"nik_{peran}"] = r["nik"]
        out.setdefault("agama", r["agama"])
    return out


def catat_datang(*, user, wilayah, tanggal, nik: str, nama: str, tanggal_lahir, alamat_asal: str,
                 kode_wilayah_asal: str = "", alasan: str = "", tanggal_lapor=None, keterangan: str = "",
                 keluarga: Keluarga | None = None, shdk: int | None = None, nik_sementara: bool = False,
                 setujui_peringatan: bool = False, **data: Any) -> Peristiwa:
    """Pindah masuk. A NIK unknown here registers a new resident (full data in `data`). A NIK
    that moved out of a village (status PINDAH) is handed over to this village: owner, address,
    family and status change, identity data stay as recorded (docs/decisions/0007). Any other
    existing NIK is refused with a message that says neither where nor whose it is."""
    gagal = _Galat()
    _periksa_tujuan(gagal, kode_wilayah_asal, alamat_asal, field_kode="kode_wilayah_asal", field_alamat="alamat_asal")
    w = services._wilayah_lingkungan(wilayah)
    desa = services._periksa_wilayah(w)
    nik = (nik or "").strip()
    with transaction.atomic():
        journal.begin()
        lama = Penduduk.objects.select_for_update().filter(nik=nik).first() if nik else None
        if keluarga is not None:
            keluarga = _kunci_keluarga(keluarga.pk, user)
            if keluarga.owner_id != desa:
                gagal("keluarga", "Keluarga (KK) tujuan harus terdaftar di desa tempat penduduk datang.")
        if (keluarga is None) != (shdk in (None, "")):
            gagal("shdk", "Isi No. KK dan hubungan dalam keluarga bersama-sama, atau kosongkan keduanya.")
        elif shdk == KEPALA and keluarga is not None and keluarga.kepala_id:
            gagal("shdk", "Keluarga tujuan sudah memiliki kepala keluarga.")
        if lama is None:
            _periksa_tanggal(gagal, None, tanggal, tanggal_lapor, lahir=tanggal_lahir)
            gagal.raise_if_any()
            rincian = {"desa_asal": kode_wilayah_asal}
            p = services.create_penduduk(
                user=user, nik=nik, nik_sementara=nik_sementara, nama=nama, tanggal_lahir=tanggal_lahir, wilayah=w,
                keluarga=keluarga, shdk=shdk or None, setujui_peringatan=setujui_peringatan,
                **{"tanggal_terdaftar": tanggal, **data},
            )
            status_lama = None
        else:
            # Every check that does not need the stored record comes first and fails alone, so
            # the answer never depends on whether the NIK, name and birth date match a record
            # (the form is no lookup tool: decision 0007).
            _periksa_tanggal(gagal, None, tanggal, tanggal_lapor, lahir=tanggal_lahir)
            gagal.raise_if_any()
            tujuan = (Peristiwa.objects.filter(penduduk=lama, jenis=Peristiwa.PINDAH_KELUAR)
                      .order_by("-tanggal", "-id").values_list("kode_wilayah_lain", flat=True).first() or "")
            if (lama.status_dasar != PINDAH or normalisasi_nama(lama.nama) != normalisasi_nama(nama or "")
                    or lama.tanggal_lahir != tanggal_lahir
                    # moved out to a named village: only that village takes the record over
                    or (tujuan.count(".") == 3 and tujuan != desa)):
                gagal("nik", NIK_DITOLAK)
            else:
                _periksa_tanggal(gagal, lama, tanggal, tanggal_lapor)
            gagal.raise_if_any()
            rincian = {"desa_asal": kode_wilayah_asal or lama.owner_id, "ambil_alih": True}
            p, status_lama = lama, lama.status_dasar
            p.owner_id, p.wilayah = desa, w
            p.keluarga, p.shdk = keluarga, (shdk or None)
            p.status_dasar, p.tanggal_terdaftar = HIDUP, tanggal
            p.alamat = data.get("alamat") or (keluarga.alamat if keluarga else "")
            p.alamat_sekarang = ""
            p.save()
            ensure_allowed(user, "change", p)
            if keluarga is not None and shdk == KEPALA:
                keluarga.kepala = p
                keluarga.save()
        return _simpan_peristiwa(
            user, p, Peristiwa.DATANG, tanggal=tanggal, tanggal_lapor=tanggal_lapor, status_sebelum=status_lama,
            keluarga_sebelum_id=None, kode_wilayah_lain=(kode_wilayah_asal or "").strip(),
            alamat_lain=alamat_asal.strip(), alasan=alasan, keterangan=keterangan, rincian=rincian,
        )


# ---------------------------------------------------------------- family operations

def _periksa_anggota_hidup(gagal: _Galat, p: Penduduk, field: str = "penduduk") -> None:
    if p.status_dasar != HIDUP:
        gagal(field, f"{p.nama} berstatus {STATUS[p.status_dasar].lower()}; perubahan KK hanya untuk penduduk hidup.")


def pindah_anggota(*, user, penduduk, keluarga_tujuan, shdk: int, tanggal, tanggal_lapor=None,
                   kepala_baru=None, keterangan: str = "") -> list[Peristiwa]:
    """Move a resident into another family of the same village, with his new SHDK. The
    family's address (dusun/RW/RT and street) becomes his."""
    with transaction.atomic():
        journal.begin()
        p = _kunci_penduduk(penduduk.pk if isinstance(penduduk, Penduduk) else penduduk, user)
        gagal = _Galat()
        _periksa_anggota_hidup(gagal, p)
        _periksa_tanggal(gagal, p, tanggal, tanggal_lapor)
        tujuan = _kunci_keluarga(keluarga_tujuan.pk if isinstance(keluarga_tujuan, Keluarga) else keluarga_tujuan, user)
        if tujuan.owner_id != p.owner_id:
            gagal("keluarga_tujuan", "KK tujuan terdaftar di desa lain; pindah antar desa dicatat sebagai pindah keluar.")
        elif tujuan.pk == p.keluarga_id:
            gagal("keluarga_tujuan", f"{p.nama} sudah menjadi anggota KK ini.")
        if shdk not in SHDK:
            gagal("shdk", "Pilih hubungan dalam keluarga.")
        elif shdk == KEPALA and tujuan.kepala_id:
            gagal("shdk", "KK tujuan sudah memiliki kepala keluarga.")
        asal = _kunci_keluarga(p.keluarga_id, user) if p.keluarga_id else None
        kepala_pergi = asal is not None and asal.kepala_id == p.pk
        calon = _kepala_baru(gagal, asal, {p.pk}, kepala_baru)
        gagal.raise_if_any()
        kk_lama, shdk_lama = p.keluarga_id, p.shdk
        p.keluarga, p.shdk, p.wilayah_id, p.alamat = tujuan, shdk, tujuan.wilayah_id, tujuan.alamat
        p.save()
        ensure_allowed(user, "change", p)
        out = [_mutasi(user, p, tanggal=tanggal, tanggal_lapor=tanggal_lapor, keluarga_sebelum_id=kk_lama,
                       shdk_sebelum=shdk_lama, operasi="pindah", keterangan=keterangan)]
        if shdk == KEPALA:
            tujuan.kepala = p
            tujuan.save()
        if kepala_pergi:
            out += _ganti_kepala(user, asal, calon, tanggal=tanggal, tanggal_lapor=tanggal_lapor)
        return out


def _keluarga_baru(user, *, no_kk: str, wilayah, alamat: str, tanggal_terdaftar) -> Keluarga:
    return services.create_keluarga(user=user, no_kk=no_kk, wilayah=wilayah, alamat=alamat or "",
                                    tanggal_terdaftar=tanggal_terdaftar)


def pecah_kk(*, user, keluarga, pindah: dict, no_kk: str, tanggal, wilayah=None, alamat: str | None = None,
             tanggal_lapor=None, kepala_baru=None, keterangan: str = "") -> tuple[Keluarga, list[Peristiwa]]:
    """Split a family: the members in `pindah` ({penduduk id: new SHDK}) form a new KK with
    number `no_kk`; exactly one of them gets SHDK 1 (its head). At least one member stays.
    If the old head leaves, `kepala_baru` (a remaining member) may take over."""
    with transaction.atomic():
        journal.begin()
        kk = _kunci_keluarga(keluarga.pk if isinstance(keluarga, Keluarga) else keluarga, user)
        anggota = {a.pk: a for a in Penduduk.objects.select_for_update().filter(keluarga=kk).order_by("pk")}
        gagal = _Galat()
        pindah = {(k if not isinstance(k, str) else _uuid(k)): v for k, v in (pindah or {}).items()}
        if not pindah:
            gagal("anggota", "Pilih anggota yang pindah ke KK baru.")
        asing = [k for k in pindah if k not in anggota]
        if asing:
            gagal("anggota", "Ada anggota terpilih yang bukan anggota KK ini.")
        elif pindah and len(pindah) >= len(anggota):
            gagal("anggota", "Sisakan paling sedikit satu anggota di KK lama; semua anggota pindah berarti KK lama "
                             "cukup diubah datanya.")
        for pk, s in pindah.items():
            if pk in anggota:
                _periksa_anggota_hidup(gagal, anggota[pk], "anggota")
                if s not in SHDK:
                    gagal("anggota", f"Pilih hubungan dalam KK baru untuk {anggota[pk].nama}.")
        kepala = [pk for pk, s in pindah.items() if s == KEPALA]
        if pindah and len(kepala) != 1:
            gagal("anggota", "Tepat satu anggota yang pindah menjadi kepala keluarga KK baru "
                             f"(sekarang {len(kepala)}).")
        kepala_pergi = kk.kepala_id in pindah
        calon = _kepala_baru(gagal, kk, set(pindah), kepala_baru)
        _periksa_tanggal(gagal, None, tanggal, tanggal_lapor)
        if "tanggal" not in gagal:
            for pk in pindah:
                if pk in anggota:
                    _periksa_urutan(gagal, anggota[pk], tanggal)
        gagal.raise_if_any()
        baru = _keluarga_baru(user, no_kk=no_kk, wilayah=wilayah or kk.wilayah_id,
                              alamat=kk.alamat if alamat is None else alamat, tanggal_terdaftar=tanggal)
        if baru.owner_id != kk.owner_id:
            raise ValidationError({"wilayah": "KK baru harus di desa yang sama; pindah antar desa dicatat sebagai "
                                              "pindah keluar."})
        out = []
        for pk, s in sorted(pindah.items(), key=lambda i: i[1] != KEPALA):
            a = anggota[pk]
            shdk_lama = a.shdk
            a.keluarga, a.shdk, a.wilayah_id, a.alamat = baru, s, baru.wilayah_id, baru.alamat
            a.save()
            ensure_allowed(user, "change", a)
            out.append(_mutasi(user, a, tanggal=tanggal, tanggal_lapor=tanggal_lapor, keluarga_sebelum_id=kk.pk,
                               shdk_sebelum=shdk_lama, operasi="pecah", keterangan=keterangan))
        baru.kepala_id = kepala[0]
        baru.save()
        if kepala_pergi:
            out += _ganti_kepala(user, kk, calon, tanggal=tanggal, tanggal_lapor=tanggal_lapor)
        return baru, out


def bentuk_kk(*, user, penduduk, no_kk: str, tanggal, wilayah=None, alamat: str | None = None,
              tanggal_terdaftar=None, tanggal_lapor=None, kepala_baru=None,
              keterangan: str = "") -> Keluarga:
    """Form a new family headed by one resident (who leaves his current family, if any)."""
    with transaction.atomic():
        journal.begin()
        p = _kunci_penduduk(penduduk.pk if isinstance(penduduk, Penduduk) else penduduk, user)
        gagal = _Galat()
        _periksa_anggota_hidup(gagal, p)
        _periksa_tanggal(gagal, p, tanggal, tanggal_lapor)
        asal = _kunci_keluarga(p.keluarga_id, user) if p.keluarga_id else None
        kepala_pergi = asal is not None and asal.kepala_id == p.pk
        if kepala_pergi and not Penduduk.objects.filter(keluarga=asal).exclude(pk=p.pk).exists():
            gagal("penduduk", f"{p.nama} adalah satu-satunya anggota KK-nya; ubah data KK itu bila nomornya berganti.")
        calon = _kepala_baru(gagal, asal, {p.pk}, kepala_baru)
        gagal.raise_if_any()
        baru = _keluarga_baru(user, no_kk=no_kk, wilayah=wilayah or p.wilayah_id,
                              alamat=(asal.alamat if asal else p.alamat) if alamat is None else alamat,
                              tanggal_terdaftar=tanggal_terdaftar or tanggal)
        if baru.owner_id != p.owner_id:
            raise ValidationError({"wilayah": "KK baru harus di desa tempat penduduk terdaftar."})
        kk_lama, shdk_lama = p.keluarga_id, p.shdk
        p.keluarga, p.shdk, p.wilayah_id, p.alamat = baru, KEPALA, baru.wilayah_id, baru.alamat
        p.save()
        ensure_allowed(user, "change", p)
        baru.kepala = p
        baru.save()
        _mutasi(user, p, tanggal=tanggal, tanggal_lapor=tanggal_lapor, keluarga_sebelum_id=kk_lama,
                shdk_sebelum=shdk_lama, operasi="bentuk", keterangan=keterangan)
        if kepala_pergi:
            _ganti_kepala(user, asal, calon, tanggal=tanggal, tanggal_lapor=tanggal_lapor)
        return baru


def _uuid(raw):
    try:
        return uuid.UUID(str(raw))
    except ValueError:
        return raw
