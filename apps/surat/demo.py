"""Demo data for letters: the regency catalogue, the regency CA, signing certificates for the
demo Kepala Desa and Sekretaris Desa (known passphrase), a known layanan mandiri PIN for the
demo resident, and a few letters at each step so every page has something to show.

Demo values are public (printed by `make run`); never run this on a production database."""
from __future__ import annotations

from collections.abc import Callable

from apps.akun.models import Pengguna
from apps.dokumen import ca
from apps.dokumen.demo import DEMO_PASSPHRASE, sertifikat_demo
from apps.dokumen.tte import buka_kunci
from apps.kependudukan.models import Penduduk

from . import alur, mandiri, services
from .bawaan import muat_katalog
from .models import JenisSurat, Surat

DEMO_PIN = "739201"
# (letter type, how far it goes): signed letters fill the archive and the books; the others
# wait in the queue for the demo operator and Kepala Desa.
CONTOH = [("domisili", "ttd"), ("sktm", "ttd"), ("usaha", "ttd"), ("pengantar-skck", "periksa"),
          ("belum-menikah", "ajukan")]
ISIAN = {
    "domisili": {"keperluan": "Persyaratan membuka rekening bank"},
    "sktm": {"keperluan": "Berobat", "penghasilan": "1500000"},
    "usaha": {"nama_usaha": "Warung Sembako Berkah", "jenis_usaha": "Perdagangan eceran",
              "alamat_usaha": "Jalan Desa RT 001", "sejak": "2019-03-01"},
    "pengantar-skck": {"keperluan": "Melamar pekerjaan"},
    "belum-menikah": {"keperluan": "Persyaratan melamar pekerjaan"},
}


def siapkan(*, kode_kabupaten: str, kode_desa: str, log: Callable[[str], None]) -> None:
    """Idempotent: the catalogue and CA always; certificates, PIN and sample letters once."""
    log("Memuat katalog jenis surat dan otoritas sertifikat kabupaten ...")
    muat_katalog(kode_kabupaten)
    ca.otoritas()
    users = {u.username: u for u in Pengguna.objects.filter(username__in=("kades", "sekdes", "operator", "warga"))}
    for nama in ("kades", "sekdes"):
        if nama in users:
            sertifikat_demo(users[nama])
    warga = Penduduk.objects.filter(akun=users.get("warga")).first() if "warga" in users else None
    if warga is not None and not hasattr(users["warga"], "pin_warga"):
        mandiri.atur_pin(warga, DEMO_PIN)
    if "operator" not in users or "kades" not in users or Surat.objects.filter(owner_id=kode_desa).exists():
        return
    log("Membuat contoh surat ...")
    _contoh_surat(users["operator"], users["kades"], kode_desa, kode_kabupaten)


def _isian(kode: str, jenis: JenisSurat) -> dict:
    """The sample values, plus a plausible value for any further required field of the type."""
    nilai = dict(ISIAN.get(kode, {}))
    for f in jenis.isian:
        if f.get("wajib") and f["kode"] not in nilai:
            nilai[f["kode"]] = (f.get("pilihan") or ["2026-01-15" if f.get("jenis") == "tanggal" else "1"])[0] \
                if f.get("jenis") in ("pilihan", "tanggal", "angka") else "Keterangan contoh"
    return nilai


def _contoh_surat(operator, kades, kode_desa: str, kode_kabupaten: str) -> None:
    penduduk = list(Penduduk.objects.filter(owner_id=kode_desa, status_dasar=1, akun__isnull=True,
                                            tanggal_lahir__year__lte=2000).order_by("nik")[: len(CONTOH)])
    kunci = buka_kunci(kades, DEMO_PASSPHRASE)
    jenis_semua = {j.kode: j for j in JenisSurat.objects.filter(owner_id=kode_kabupaten)}
    for (kode, sampai), orang in zip(CONTOH, penduduk, strict=False):
        jenis = jenis_semua.get(kode)
        if jenis is None:
            continue
        surat = alur.buat_permohonan(pengguna=operator, penduduk=orang, jenis=jenis, isian=_isian(kode, jenis),
                                     kanal=Surat.LOKET)
        if sampai == "ajukan":
            continue
        surat = alur.periksa(surat, pengguna=operator, asli_dilihat=[s["kode"] for s in jenis.syarat],
                             catatan="Dokumen asli diperiksa di loket.")
        if sampai == "ttd":
            services.terbitkan(surat, pengguna=kades, kunci=kunci)
