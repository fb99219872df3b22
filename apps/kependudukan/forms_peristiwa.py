"""Forms of life events, family operations and temporary residents: shape, widgets and
Indonesian labels only. The rules live in peristiwa.py and sementara.py."""
from __future__ import annotations

from django import forms
from django.utils import timezone

from apps.akun.formulir import BootstrapForm, DateInput

from . import kode
from .forms import PendudukForm, _angka
from .models import Peristiwa
from .peristiwa import PENOLONG, TEMPAT_DILAHIRKAN

KOSONG = [("", "— pilih —")]
SHDK_BUKAN_KEPALA = [(k, v.capitalize()) for k, v in kode.SHDK if k != 1]


def _teks(label: str, max_length: int = 120, required: bool = False, **kwargs) -> forms.CharField:
    return forms.CharField(label=label, max_length=max_length, required=required, **kwargs)


def _tanggal(label: str = "Tanggal peristiwa", required: bool = True, **kwargs) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput(), **kwargs)


class _PeristiwaForm(BootstrapForm):
    """Common tail of every event form: report date and free remarks. `kepala_choices` are the
    family members who may take over as head when the person leaves (empty: no such field)."""

    tanggal = _tanggal()
    tanggal_lapor = _tanggal("Tanggal dilaporkan", required=False, help_text="Kosongkan bila dilaporkan hari ini.")
    keterangan = forms.CharField(label="Keterangan", required=False, max_length=2000,
                                 widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, kepala_choices: list[tuple[str, str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if "tanggal" in self.fields and not self.is_bound:
            self.fields["tanggal"].initial = timezone.localdate()
        if kepala_choices is not None:
            self.fields["kepala_baru"] = forms.ChoiceField(
                label="Kepala keluarga baru", required=False,
                choices=[("", "— tidak ada (KK tanpa kepala keluarga) —"), *kepala_choices],
                help_text="Yang keluar adalah kepala keluarga: pilih anggota yang menggantikannya.",
            )
            self.apply_bootstrap()
        ekor = ["tanggal_lapor", "keterangan"]
        self.order_fields([f for f in self.fields if f not in ekor] + ekor)

    def data_layanan(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if v is not None}


class MatiForm(_PeristiwaForm):
    tanggal = _tanggal("Tanggal meninggal")
    jam = forms.TimeField(label="Jam", required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    tempat = _teks("Tempat meninggal")
    sebab = _teks("Sebab kematian")
    pelapor = _teks("Nama pelapor")
    hubungan_pelapor = _teks("Hubungan pelapor", 60)

    def data_layanan(self) -> dict:
        data = super().data_layanan()
        if data.get("jam"):
            data["jam"] = data["jam"].strftime("%H:%M")
        return data


class PindahKeluarForm(_PeristiwaForm):
    tanggal = _tanggal("Tanggal pindah")
    kode_wilayah_tujuan = _teks("Kode wilayah tujuan", 20, help_text="Kode Kemendagri bila diketahui, "
                                "mis. 62.02.01.2001 (desa) atau 62.02 (kabupaten).")
    alamat_tujuan = _teks("Alamat tujuan", 255, required=True, help_text="Desa/kelurahan, kecamatan, kabupaten/kota.")
    alasan = _teks("Alasan pindah")


class HilangForm(_PeristiwaForm):
    tanggal = _tanggal("Tanggal hilang (terakhir diketahui)")
    pelapor = _teks("Nama pelapor")


class PergiForm(_PeristiwaForm):
    tanggal = _tanggal("Tanggal pergi")
    alamat_tujuan = _teks("Perkiraan tujuan", 255)
    alasan = _teks("Alasan")


class KembaliForm(_PeristiwaForm):
    tanggal = _tanggal("Tanggal kembali")


class LahirForm(_PeristiwaForm):
    tanggal = None
    nama = _teks("Nama bayi", required=True)
    jenis_kelamin = forms.TypedChoiceField(label="Jenis kelamin", coerce=int, choices=KOSONG + list(kode.JENIS_KELAMIN))
    tanggal_lahir = _tanggal("Tanggal lahir")
    jam = forms.TimeField(label="Jam lahir", required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    tempat_lahir = _teks("Tempat lahir (kota/desa)", 80)
    tempat_dilahirkan = forms.ChoiceField(label="Tempat dilahirkan", required=False, choices=KOSONG + TEMPAT_DILAHIRKAN)
    penolong = forms.ChoiceField(label="Penolong kelahiran", required=False, choices=KOSONG + PENOLONG)
    berat_gram = forms.IntegerField(label="Berat (gram)", required=False, min_value=0, max_value=20000)
    panjang_cm = forms.IntegerField(label="Panjang (cm)", required=False, min_value=0, max_value=200)
    shdk = forms.TypedChoiceField(label="Hubungan dalam keluarga", coerce=int, choices=SHDK_BUKAN_KEPALA, initial=4)
    agama = forms.TypedChoiceField(label="Agama", coerce=int, required=False, empty_value=None,
                                   choices=[("", "— sama dengan orang tua —"), *kode.AGAMA])
    nik = forms.CharField(label="NIK", required=False, max_length=16, widget=_angka(16),
                          help_text="Kosongkan bila belum terbit: bayi mendapat NIK sementara dari desa.")
    pelapor = _teks("Nama pelapor")
    hubungan_pelapor = _teks("Hubungan pelapor", 60)
    setujui_peringatan = forms.BooleanField(label="Saya sudah memeriksa dan data ini memang benar", required=False,
                                            widget=forms.HiddenInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("tanggal", None)
        self.peringatan: list[str] = []

    def minta_konfirmasi(self, peringatan: list[str]) -> None:
        self.peringatan = peringatan
        self.fields["setujui_peringatan"].widget = forms.CheckboxInput(attrs={"class": "form-check-input"})

    def data_layanan(self) -> dict:
        data = super().data_layanan()
        if data.get("jam"):
            data["jam"] = data["jam"].strftime("%H:%M")
        data["nik"] = (data.get("nik") or "").replace(" ", "")
        return data


class DatangForm(PendudukForm):
    """A newcomer (pindah masuk): the resident form plus the origin. With the NIK of a person
    who moved out of another village, only NIK, name and birth date must match his record."""

    BAGIAN = [
        ("Kedatangan", ["tanggal", "kode_wilayah_asal", "alamat_asal", "alasan", "tanggal_lapor", "keterangan"]),
        *[(judul, [f for f in fields if f != "tanggal_terdaftar"]) for judul, fields in PendudukForm.BAGIAN],
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("tanggal_terdaftar", None)
        self.fields["tanggal"] = _tanggal("Tanggal datang", initial=timezone.localdate())
        self.fields["kode_wilayah_asal"] = _teks("Kode wilayah asal", 20, help_text="Kode Kemendagri bila diketahui.")
        self.fields["alamat_asal"] = _teks("Alamat asal", 255, required=True,
                                           help_text="Desa/kelurahan, kecamatan, kabupaten/kota asal.")
        self.fields["alasan"] = _teks("Alasan pindah")
        self.fields["tanggal_lapor"] = _tanggal("Tanggal dilaporkan", required=False)
        self.fields["keterangan"] = forms.CharField(label="Keterangan", required=False, max_length=2000,
                                                    widget=forms.Textarea(attrs={"rows": 2}))
        self.fields["nik"].help_text = ("NIK di KTP/KK atau surat pindah (SKPWNI). Penduduk yang pindah dari desa lain "
                                        "di sistem ini diambil alih datanya bila NIK, nama dan tanggal lahir sama.")
        order = [f for _, fields in self.BAGIAN for f in fields] + ["setujui_peringatan"]
        self.order_fields(order)
        self.apply_bootstrap()


class PindahAnggotaForm(_PeristiwaForm):
    no_kk = forms.CharField(label="No. KK tujuan", max_length=16, widget=_angka(16),
                            help_text="KK lain yang sudah terdaftar di desa ini.")
    shdk = forms.TypedChoiceField(label="Hubungan dalam KK tujuan", coerce=int, choices=KOSONG + list(kode.SHDK))


class _KKBaruForm(_PeristiwaForm):
    no_kk = forms.CharField(label="No. KK baru", max_length=16, widget=_angka(16), help_text="16 angka sesuai KK baru.")
    wilayah = forms.ChoiceField(label="Dusun/RW/RT", required=False)
    alamat = _teks("Alamat", 255, help_text="Kosongkan untuk memakai alamat KK lama.")

    def __init__(self, *args, wilayah_choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wilayah"].choices = [("", "— sama dengan KK lama —"), *wilayah_choices]
        self.fields["tanggal"].label = "Tanggal perubahan"

    def data_layanan(self) -> dict:
        data = super().data_layanan()
        data["no_kk"] = data["no_kk"].replace(" ", "")
        if not data.get("wilayah"):
            data.pop("wilayah", None)
        if not data.get("alamat"):
            data.pop("alamat", None)
        return data


class BentukKKForm(_KKBaruForm):
    """A new KK formed by one resident: exactly the fields of a new KK (number, address, date)."""


class PecahKKForm(_KKBaruForm):
    """One choice per member: stays in the old KK, or moves to the new one with a SHDK."""

    def __init__(self, *args, anggota: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.anggota_fields = []
        for a in anggota:
            name = f"anggota_{a.pk}"
            self.fields[name] = forms.TypedChoiceField(
                label=f"{a.nama} ({(a.get_shdk_display() or '').lower()})", required=False, coerce=int,
                empty_value=None, choices=[("", "Tetap di KK lama"), *[(k, f"Ke KK baru sebagai {v.lower()}")
                                                                       for k, v in kode.SHDK]],
            )
            self.anggota_fields.append((name, a.pk))
        self.apply_bootstrap()
        first = [n for n, _ in self.anggota_fields]
        self.order_fields(first + [f for f in self.fields if f not in first])

    def data_layanan(self) -> dict:
        data = super().data_layanan()
        data["pindah"] = {pk: data.pop(name) for name, pk in self.anggota_fields if data.get(name) is not None}
        for name, _ in self.anggota_fields:
            data.pop(name, None)
        return data


class FilterPeristiwaForm(forms.Form):
    jenis = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, label="Jenis",
                                   choices=[("", "Semua jenis"), *Peristiwa.JENIS])
    bulan = forms.CharField(required=False, max_length=7, label="Bulan",
                            widget=forms.DateInput(attrs={"type": "month"}))
    desa = forms.ChoiceField(required=False, label="Desa/kelurahan")

    def __init__(self, *args, desa_choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["desa"].choices = [("", "Semua desa"), *desa_choices]

    def nilai(self) -> dict:
        """Valid filters only: a tampered value is ignored (the whole scope, nothing more)."""
        self.is_valid()
        c = getattr(self, "cleaned_data", {})
        bulan = (c.get("bulan") or "").strip()
        tahun_bulan = None
        if len(bulan) == 7 and bulan[4] == "-" and bulan[:4].isdigit() and bulan[5:].isdigit():
            tahun, b = int(bulan[:4]), int(bulan[5:])
            if 1900 <= tahun <= 2999 and 1 <= b <= 12:
                tahun_bulan = (tahun, b)
        return {"jenis": c.get("jenis"), "bulan": tahun_bulan, "desa": c.get("desa") or ""}


class SementaraForm(BootstrapForm):
    nama = _teks("Nama", required=True)
    jenis_kelamin = forms.TypedChoiceField(label="Jenis kelamin", coerce=int, choices=KOSONG + list(kode.JENIS_KELAMIN))
    nomor_identitas = _teks("Nomor identitas (NIK/paspor)", 30)
    tempat_lahir = _teks("Tempat lahir", 80)
    tanggal_lahir = _tanggal("Tanggal lahir", required=False)
    pekerjaan = forms.TypedChoiceField(label="Pekerjaan", coerce=int, required=False, empty_value=None,
                                       choices=KOSONG + list(kode.PEKERJAAN))
    warganegara = forms.TypedChoiceField(label="Kewarganegaraan", coerce=int, choices=list(kode.WARGANEGARA), initial=1)
    keturunan = _teks("Kebangsaan/keturunan", 60)
    datang_dari = _teks("Datang dari", 255, required=True)
    maksud = _teks("Maksud dan tujuan kedatangan", 255, required=True)
    didatangi = _teks("Nama dan alamat yang didatangi", 255, required=True)
    wilayah = forms.ChoiceField(label="Dusun/RW/RT tempat tinggal")
    tanggal_datang = _tanggal("Tanggal datang")
    keterangan = forms.CharField(label="Keterangan", required=False, max_length=2000,
                                 widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, wilayah_choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wilayah"].choices = [("", "— pilih —"), *wilayah_choices]

    def data_layanan(self) -> dict:
        return dict(self.cleaned_data)


class SementaraPergiForm(BootstrapForm):
    tanggal_pergi = _tanggal("Tanggal pergi")

    def data_layanan(self) -> dict:
        return dict(self.cleaned_data)


class FilterSementaraForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, label="Cari nama")
    status = forms.ChoiceField(required=False, label="Status", choices=[("", "Masih tinggal"), ("pergi", "Sudah pergi"),
                                                                        ("semua", "Semua")])
    desa = forms.ChoiceField(required=False, label="Desa/kelurahan")

    def __init__(self, *args, desa_choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["desa"].choices = [("", "Semua desa"), *desa_choices]

    def nilai(self) -> dict:
        self.is_valid()
        c = getattr(self, "cleaned_data", {})
        return {"q": c.get("q") or "", "status": c.get("status") or "", "desa": c.get("desa") or ""}
