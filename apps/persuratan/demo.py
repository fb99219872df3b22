"""Demo data for the e-office: the starter classification codes and templates, the demo
accounts seated in their positions of the org chart, signing certificates for the officials
who sign (known passphrase), and correspondence at each step: a kecamatan invitation to all
its villages with a copy to the Bupati's office, a village reply, a paper letter at the
Bupati's office disposed to Bappeda and further down, one of them overdue.

Demo values are public (printed by `make run`); never run this on a production database."""
from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from apps.akun.models import Pengguna
from apps.dokumen.demo import DEMO_PASSPHRASE, sertifikat_demo
from apps.dokumen.tte import buka_kunci
from apps.sinkron.context import acting_as
from apps.wilayah.models import Jabatan, Pejabat, UnitKerja

from . import keluar, masuk
from .bawaan import muat_klasifikasi, muat_template
from .models import JenisPenerima, KlasifikasiArsip, Naskah, SuratMasuk

# username -> (unit code or "kecamatan:<code>" / "desa:<code>", position name, official's name, NIP)
KURSI = {
    "bupati": ("PD-BUPATI", "Bupati", "H. Ahmad Selanorwanda", ""),
    "wabup": ("PD-BUPATI", "Wakil Bupati", "Supian Hadi Wijaya", ""),
    "bappeda": ("PD-BAPPEDA", "Kepala Badan", "Ir. Rahmat Hidayat, M.T.", "197503122000031004"),
    "kabid": ("PD-BAPPEDA", "Kepala Bidang Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah",
              "Nur Aisyah, S.E., M.Si.", "198207152006042011"),
    "dpmd": ("PD-DPMD", "Kepala Dinas", "Drs. Yohanes Lambung", "197110101998031006"),
    "camat": ("kecamatan", "Camat", "Muhammad Rizal, S.STP., M.Si.", "198001012002121003"),
    "kecamatan": ("kecamatan", "Sekretaris Camat", "Siti Rahmah, S.Sos.", "198505052010012014"),
    "kades": ("desa", "Kepala Desa", None, ""),
    "sekdes": ("desa", "Sekretaris Desa", None, ""),
    "bpd": ("bpd", "Ketua BPD", None, ""),
}


def _unit(spec: str, kode_kecamatan: str, kode_desa: str) -> UnitKerja | None:
    units = UnitKerja.objects.filter(aktif=True)
    if spec == "kecamatan":
        return units.filter(jenis="kecamatan", wilayah_id=kode_kecamatan).first()
    if spec == "desa":
        return units.filter(jenis__in=("pemdes", "kelurahan"), wilayah_id=kode_desa).first()
    if spec == "bpd":
        return units.filter(jenis="bpd", wilayah_id=kode_desa).first()
    return units.filter(kode=spec).first()


def duduki_jabatan(*, kode_kecamatan: str, kode_desa: str) -> int:
    """Seat each demo account in its position (a definitif official linked to the login), once."""
    users = {u.username: u for u in Pengguna.objects.filter(username__in=KURSI)}
    n = 0
    for username, (spec, jabatan_nama, nama, nip) in KURSI.items():
        user, unit = users.get(username), _unit(spec, kode_kecamatan, kode_desa)
        if user is None or unit is None:
            continue
        jab = Jabatan.objects.filter(unit=unit, nama=jabatan_nama).first()
        if jab is None or Pejabat.objects.filter(jabatan=jab, pengguna=user).exists():
            continue
        Pejabat.objects.create(jabatan=jab, pengguna=user, nama=nama or user.nama or user.username, nip=nip,
                               mulai=datetime.date(2025, 1, 2), owner_id=unit.wilayah_id)
        n += 1
    return n


def siapkan(*, kode_kabupaten: str, kode_kecamatan: str, kode_desa: str, log: Callable[[str], None]) -> None:
    """Idempotent: reference data and seats always; sample correspondence once."""
    log("Memuat klasifikasi arsip dan template naskah dinas ...")
    muat_klasifikasi(kode_kabupaten)
    muat_template(kode_kabupaten)
    with acting_as("sistem:demo"):
        duduki_jabatan(kode_kecamatan=kode_kecamatan, kode_desa=kode_desa)
    users = {u.username: u for u in Pengguna.objects.filter(username__in=[*KURSI, "tu_bupati", "operator"])}
    for nama in ("bupati", "bappeda", "camat", "kades", "dpmd"):
        if nama in users:
            sertifikat_demo(users[nama])
    if Naskah.objects.filter(owner_id=kode_kecamatan).exists() or not {"camat", "kecamatan", "kades", "sekdes",
                                                                      "tu_bupati", "bupati", "bappeda",
                                                                      "kabid"} <= set(users):
        return
    log("Membuat contoh surat dinas dan disposisi ...")
    _contoh(users, kode_kabupaten, kode_kecamatan, kode_desa)


def _kla(kode_kabupaten: str, *kode: str) -> KlasifikasiArsip:
    for k in kode:
        found = KlasifikasiArsip.objects.filter(owner_id=kode_kabupaten, kode=k).first()
        if found:
            return found
    return KlasifikasiArsip.objects.filter(owner_id=kode_kabupaten).order_by("kode").first()


def _kirim(*, pembuat, penandatangan, unit, jenis, kla, perihal, isi, penerima, paraf=()) -> Naskah:
    kepala = Jabatan.objects.get(unit=unit, is_kepala=True)
    n = keluar.buat_draf(pengguna=pembuat, unit=unit, jenis=jenis, klasifikasi=kla, perihal=perihal, isi=isi,
                         jabatan_penandatangan=kepala, penerima=penerima, paraf=list(paraf))
    keluar.ajukan(n, pengguna=pembuat)
    for _ in paraf:
        n.refresh_from_db()
        step = n.paraf.filter(status="menunggu").order_by("urutan").first()
        holder = Pejabat.objects.filter(jabatan=step.jabatan, pengguna__isnull=False).first()
        keluar.paraf(n, pengguna=holder.pengguna, setuju=True, catatan="")
    n.refresh_from_db()
    return keluar.tandatangani(n, pengguna=penandatangan, kunci=buka_kunci(penandatangan, DEMO_PASSPHRASE))


def _contoh(u: dict, kab: str, kec: str, desa: str) -> None:
    hari_ini = timezone.localdate()
    kec_unit = UnitKerja.objects.get(jenis="kecamatan", wilayah_id=kec)
    desa_units = list(UnitKerja.objects.filter(jenis__in=("pemdes", "kelurahan"), wilayah__induk_id=kec, aktif=True))
    kantor_bupati = UnitKerja.objects.get(kode="PD-BUPATI")
    bappeda = UnitKerja.objects.get(kode="PD-BAPPEDA")
    sekcam = Jabatan.objects.get(unit=kec_unit, nama="Sekretaris Camat")
    undangan = _kirim(
        pembuat=u["kecamatan"], penandatangan=u["camat"], unit=kec_unit, jenis="undangan",
        kla=_kla(kab, "000.1.5", "005", "000"), paraf=[sekcam],
        perihal="Undangan Musyawarah Perencanaan Pembangunan Kecamatan",
        isi=("Dengan hormat, dalam rangka penyusunan RKPD Kabupaten Seruyan Tahun 2027, kami mengundang "
             "Saudara untuk hadir pada:\n\nHari/tanggal: Kamis, 10 Desember 2026\nWaktu: 09.00 WIB s.d. selesai\n"
             "Tempat: Aula Kantor Camat\nAcara: Musrenbang Kecamatan\n\n"
             "Mengingat pentingnya acara tersebut, kehadiran Saudara sangat kami harapkan."),
        penerima=[*({"unit": d, "jenis": JenisPenerima.KEPADA} for d in desa_units),
                  {"unit": kantor_bupati, "jenis": JenisPenerima.TEMBUSAN}])
    # The village reads it and replies.
    sm = SuratMasuk.objects.get(naskah=undangan, unit__wilayah_id=desa, unit__jenis__in=("pemdes", "kelurahan"))
    masuk.tandai_dibaca(sm, pengguna=u["sekdes"])
    _kirim(pembuat=u["sekdes"], penandatangan=u["kades"], unit=sm.unit, jenis="surat_dinas",
           kla=_kla(kab, "000.1.5", "005", "000"), perihal="Konfirmasi kehadiran Musrenbang Kecamatan",
           isi=f"Menindaklanjuti surat Camat nomor {undangan.nomor}, dengan ini kami sampaikan bahwa Kepala Desa "
               "beserta dua orang delegasi akan hadir.",
           penerima=[{"unit": kec_unit, "jenis": JenisPenerima.KEPADA}])
    # A paper letter at the Bupati's office, disposed to Bappeda and further down; one overdue.
    with transaction.atomic():
        for perihal, pengirim, hari_batas in (
            ("Permohonan data usulan pembangunan jalan desa", "Balai Pelaksanaan Jalan Nasional Kalteng", 7),
            ("Penyampaian hasil evaluasi RKPD 2026", "Gubernur Kalimantan Tengah", -3),
        ):
            surat = masuk.catat_fisik(
                pengguna=u["tu_bupati"], unit=kantor_bupati, pengirim=pengirim, nomor_surat=f"050/{abs(hari_batas)}12/BPJN",
                tanggal_surat=hari_ini - datetime.timedelta(days=12), perihal=perihal,
                diterima=None, jenis="surat_dinas", urgensi="segera")
            kepala_bappeda = Jabatan.objects.get(unit=bappeda, is_kepala=True)
            masuk.disposisikan(pengguna=u["bupati"], surat_masuk=surat, instruksi="Pelajari dan siapkan tanggapan.",
                               urgensi="segera", batas_waktu=hari_ini + datetime.timedelta(days=max(hari_batas, 1)),
                               kepada=[kepala_bappeda])
            if hari_batas < 0:
                # Backdate the deadline so the demo shows an overdue disposition.
                pd = surat.disposisi.get().penerima.get()
                pd.batas_waktu = hari_ini + datetime.timedelta(days=hari_batas)
                pd.save(update_fields=["batas_waktu", "updated_at"])
