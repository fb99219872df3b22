"""Forms of the registry: shape, widgets and Indonesian labels only. The rules live in
services.py; the views put a service's errors next to the right field (`FIELD_OF_ARGUMENT`)."""
from __future__ import annotations

from django import forms

from apps.akun.formulir import BootstrapForm, DateInput

from . import kode
from .models import Penduduk

KOLOM_FORM_PENDUDUK = [
    "nik", "nik_sementara", "nama", "jenis_kelamin", "tempat_lahir", "tanggal_lahir", "agama", "status_perkawinan",
    "golongan_darah", "warganegara", "suku", "shdk", "nama_ayah", "nik_ayah", "nama_ibu", "nik_ibu",
    "pendidikan_kk", "pendidikan_sedang", "pekerjaan", "no_akta_lahir", "no_paspor", "no_kitas", "cacat",
    "sakit_menahun", "status_penduduk", "alamat", "telepon", "email", "tanggal_akhir_paspor", "akta_perkawinan",
    "tanggal_perkawinan", "akta_perceraian", "tanggal_perceraian", "ktp_el", "status_rekam", "tag_id_card", "asuransi",
    "no_asuransi", "cara_kb", "hamil", "alamat_sekarang", "lat", "lng", "tanggal_terdaftar",
]
# Service argument -> form field, where they differ.
FIELD_OF_ARGUMENT = {"keluarga": "no_kk", "kepala": "nik_kepala"}


def _angka(maxlength: int) -> forms.TextInput:
    return forms.TextInput(attrs={"inputmode": "numeric", "maxlength": maxlength, "autocomplete": "off",
                                  "class": "mono"})


class PendudukForm(BootstrapForm):
    """One resident. `wilayah` choices are the dusun/RW/RT the user may write in."""

    BAGIAN = [
        ("Identitas", ["nik", "nik_sementara", "nama", "jenis_kelamin", "tempat_lahir", "tanggal_lahir", "agama",
                       "status_perkawinan", "golongan_darah", "warganegara", "suku"]),
        ("Tempat tinggal dan keluarga", ["wilayah", "alamat", "alamat_sekarang", "no_kk", "shdk", "tanggal_terdaftar",
                                         "lat", "lng"]),
        ("Orang tua", ["nama_ayah", "nik_ayah", "nama_ibu", "nik_ibu"]),
        ("Pendidikan dan pekerjaan", ["pendidikan_kk", "pendidikan_sedang", "pekerjaan"]),
        ("Dokumen", ["no_akta_lahir", "no_paspor", "tanggal_akhir_paspor", "no_kitas", "akta_perkawinan",
                     "tanggal_perkawinan", "akta_perceraian", "tanggal_perceraian", "ktp_el", "status_rekam",
                     "tag_id_card"]),
        ("Kesehatan dan kontak", ["cacat", "sakit_menahun", "cara_kb", "hamil", "asuransi", "no_asuransi",
                                  "status_penduduk", "telepon", "email"]),
    ]

    def __init__(self, *args, wilayah_choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        model_fields = forms.fields_for_model(
            Penduduk, fields=KOLOM_FORM_PENDUDUK,
            widgets={"tanggal_lahir": DateInput(), "tanggal_akhir_paspor": DateInput(),
                     "tanggal_perkawinan": DateInput(), "tanggal_perceraian": DateInput(),
                     "tanggal_terdaftar": DateInput(), "nik": _angka(16), "nik_ayah": _angka(16), "nik_ibu": _angka(16)},
            help_texts={"nik": "16 angka sesuai KTP/KK.", "nik_sementara": "Centang bila penduduk belum punya NIK; "
                        "isi nomor 16 angka diawali 0 dari desa."},
        )
        for name, field in model_fields.items():
            if name not in self.fields:
                self.fields[name] = field
        self.fields["wilayah"] = forms.ChoiceField(label="Dusun/RW/RT", choices=[("", "— pilih —"), *wilayah_choices])
        self.fields["no_kk"] = forms.CharField(
            label="No. KK", required=False, max_length=16, widget=_angka(16),
            help_text="Kosongkan bila penduduk belum masuk KK mana pun; KK harus sudah terdaftar di desa.",
        )
        self.fields["shdk"].required = False
        if "nik" in self.initial:  # editing a registered resident: his family changes only through events
            for name in ("no_kk", "shdk"):
                self.fields[name].disabled = True
                self.fields[name].help_text = ("Berubah hanya lewat peristiwa: pindah ke KK lain, pecah KK atau bentuk "
                                               "KK baru di halaman penduduk/keluarga.")
        self.fields["setujui_peringatan"] = forms.BooleanField(
            label="Saya sudah memeriksa dan data ini memang benar", required=False, widget=forms.HiddenInput()
        )
        for f in self.fields.values():
            choices = getattr(f, "choices", None)
            if choices and list(choices)[0][0] in ("", None):
                f.choices = [("", "— pilih —"), *list(choices)[1:]]
        order = [f for _, fields in self.BAGIAN for f in fields] + ["setujui_peringatan"]
        self.order_fields(order)
        self.apply_bootstrap()
        self.peringatan: list[str] = []

    def bagian(self):
        return [(judul, [self[f] for f in fields]) for judul, fields in self.BAGIAN]

    def _enam_belas_angka(self, name: str, label: str) -> str:
        # Checked here too, so a wrong length shows together with the other field errors
        # instead of only after they are fixed; the service checks the full NIK rules.
        nilai = (self.cleaned_data.get(name) or "").replace(" ", "")
        if nilai and not (len(nilai) == 16 and (nilai.isascii() and nilai.isdigit())):
            raise forms.ValidationError(f"{label} harus terdiri dari 16 angka (sekarang {len(nilai)} karakter).")
        return nilai

    def clean_nik(self):
        return self._enam_belas_angka("nik", "NIK")

    def clean_nik_ayah(self):
        return self._enam_belas_angka("nik_ayah", "NIK ayah")

    def clean_nik_ibu(self):
        return self._enam_belas_angka("nik_ibu", "NIK ibu")

    def minta_konfirmasi(self, peringatan: list[str]) -> None:
        """Show the service's warnings and the checkbox that accepts them."""
        self.peringatan = peringatan
        self.fields["setujui_peringatan"].widget = forms.CheckboxInput(attrs={"class": "form-check-input"})

    def data_layanan(self) -> dict:
        """cleaned_data shaped as the services' keyword arguments (keluarga resolved by the view)."""
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("no_kk",)}
        for name in ("nik", "nik_ayah", "nik_ibu"):
            data[name] = (data.get(name) or "").replace(" ", "")
        return data


class KeluargaForm(BootstrapForm):
    no_kk = forms.CharField(label="No. KK", max_length=16, widget=_angka(16), help_text="16 angka sesuai Kartu Keluarga.")
    wilayah = forms.ChoiceField(label="Dusun/RW/RT")
    alamat = forms.CharField(label="Alamat", max_length=255, required=False)
    tanggal_terdaftar = forms.DateField(label="Tanggal dikeluarkan KK", required=False, widget=DateInput())
    nik_kepala = forms.CharField(
        label="NIK kepala keluarga", max_length=16, required=False, widget=_angka(16),
        help_text="Penduduk yang sudah terdaftar di desa ini; kosongkan bila belum.",
    )

    def __init__(self, *args, wilayah_choices: list[tuple[str, str]], dengan_kepala: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wilayah"].choices = [("", "— pilih —"), *wilayah_choices]
        if not dengan_kepala:
            del self.fields["nik_kepala"]

    def data_layanan(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("nik_kepala", None)
        data["no_kk"] = data["no_kk"].replace(" ", "")
        return data


class _FilterDesa(forms.Form):
    """GET filters of a list; the desa choices are those in the user's scope, the dusun/RW/RT
    choices those of the chosen desa, and invalid values are simply ignored (a tampered ?desa=
    or ?wilayah= shows the whole scope, nothing more)."""

    wilayah = forms.ChoiceField(required=False, label="Dusun/RW/RT")
    alamat = forms.CharField(required=False, max_length=100, label="Alamat")

    def __init__(self, *args, desa_choices: list[tuple[str, str]], wilayah_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["desa"].choices = [("", "Semua desa"), *desa_choices]
        self.fields["wilayah"].choices = [("", "Semua dusun/RT"), *wilayah_choices]

    def _bersih(self) -> dict:
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


def _kode(choices, label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(required=False, coerce=int, empty_value=None, label=label,
                                  choices=[("", f"Semua {label.lower()}"), *choices])


class FilterPendudukForm(_FilterDesa):
    STATUS = [("1", "Hidup"), *[(str(k), v.capitalize()) for k, v in kode.STATUS_DASAR if k != 1], ("semua", "Semua status")]

    q = forms.CharField(required=False, max_length=100, label="Cari")
    desa = forms.ChoiceField(required=False, label="Desa/kelurahan")
    jenis_kelamin = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, label="Jenis kelamin",
                                           choices=[("", "L/P"), (1, "Laki-laki"), (2, "Perempuan")])
    status = forms.ChoiceField(required=False, choices=STATUS, label="Status")
    umur_min = forms.IntegerField(required=False, min_value=0, max_value=150, label="Umur dari")
    umur_max = forms.IntegerField(required=False, min_value=0, max_value=150, label="sampai")
    nik_sementara = forms.BooleanField(required=False, label="NIK sementara")
    pendidikan = _kode(kode.PENDIDIKAN_KK, "Pendidikan")
    pekerjaan = _kode(kode.PEKERJAAN, "Pekerjaan")
    agama = _kode(kode.AGAMA, "Agama")
    status_perkawinan = _kode(kode.STATUS_PERKAWINAN, "Status perkawinan")

    # Filters beyond name/desa/sex/status/age sit in a collapsed "more filters" panel, open when one is set.
    LANJUTAN = ("wilayah", "alamat", "pendidikan", "pekerjaan", "agama", "status_perkawinan", "nik_sementara")

    def nilai(self) -> dict:
        c = self._bersih()
        status = c.pop("status", "1")
        return {
            "q": c.get("q", ""), "desa": c.get("desa", ""), "wilayah": c.get("wilayah", ""),
            "jenis_kelamin": c.get("jenis_kelamin"),
            "status_dasar": None if status == "semua" else int(status),
            "umur_min": c.get("umur_min"), "umur_max": c.get("umur_max"),
            "nik_sementara": bool(c.get("nik_sementara")), "alamat": c.get("alamat", ""),
            "pendidikan": c.get("pendidikan"), "pekerjaan": c.get("pekerjaan"), "agama": c.get("agama"),
            "status_perkawinan": c.get("status_perkawinan"),
        }

    def lanjutan_aktif(self) -> bool:
        return any(self.data.get(f) for f in self.LANJUTAN)


class FilterKeluargaForm(_FilterDesa):
    q = forms.CharField(required=False, max_length=100, label="Cari")
    desa = forms.ChoiceField(required=False, label="Desa/kelurahan")

    def nilai(self) -> dict:
        c = self._bersih()
        return {"q": c.get("q", ""), "desa": c.get("desa", ""), "wilayah": c.get("wilayah", ""),
                "alamat": c.get("alamat", "")}
