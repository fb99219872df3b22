"""Forms of the staff pages: the walk-in request (fields built from the letter type's isian
spec, one upload per requirement), the actions on a letter, and the batch form. Forms only
collect input; the services in alur.py, services.py and batch.py decide."""
from __future__ import annotations

from django import forms

from apps.akun.formulir import BootstrapForm, DateInput

from .models import JenisSurat

AWALAN_ISIAN = "isian_"
AWALAN_SYARAT = "syarat_"
TERIMA_BERKAS = "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"


def _bidang_isian(f: dict) -> forms.Field:
    """One form field for one isian entry: what it asks, shown as the browser does best."""
    label, wajib, jenis = f.get("label") or f["kode"], bool(f.get("wajib")), f.get("jenis", "teks")
    pesan = {"required": f"{label} wajib diisi."}
    if jenis == "pilihan":
        pilihan = [("", "— pilih —")] + [(p, p) for p in f.get("pilihan", [])]
        return forms.ChoiceField(label=label, required=wajib, choices=pilihan, error_messages={
            **pesan, "invalid_choice": f"{label}: pilih salah satu pilihan yang tersedia."})
    widget = {
        "paragraf": forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        "tanggal": DateInput(),
        "angka": forms.TextInput(attrs={"inputmode": "numeric", "pattern": "[0-9.]*"}),
    }.get(jenis, forms.TextInput(attrs={"maxlength": 200}))
    # Text, never a typed field: the service (isian.bersihkan_isian) parses and explains.
    return forms.CharField(label=label, required=wajib, widget=widget, strip=True, error_messages=pesan)


def tambah_isian(form: forms.Form, spesifikasi: list[dict]) -> None:
    for f in spesifikasi:
        form.fields[AWALAN_ISIAN + f["kode"]] = _bidang_isian(f)


def nilai_isian(form: forms.Form) -> dict:
    return {k[len(AWALAN_ISIAN):]: v for k, v in form.cleaned_data.items() if k.startswith(AWALAN_ISIAN)}


def alias_isian(spesifikasi: list[dict]) -> dict[str, str]:
    """Service error keys (isian codes) -> form field names."""
    return {f["kode"]: AWALAN_ISIAN + f["kode"] for f in spesifikasi} | {"penduduk": "penduduk", "jenis": "jenis"}


class PermohonanForm(BootstrapForm):
    """A walk-in request: the resident (picked by search), the letter type, its fields, and a
    scan per requirement (optional here: the original may be shown at the check)."""

    penduduk = forms.UUIDField(label="Penduduk", error_messages={
        "required": "Pilih penduduk yang dibuatkan surat (cari dengan NIK atau nama).",
        "invalid": "Pilih penduduk dari hasil pencarian."})
    jenis = forms.ModelChoiceField(label="Jenis surat", queryset=JenisSurat.objects.none(), empty_label="— pilih jenis surat —",
                                   error_messages={"required": "Pilih jenis surat.",
                                                   "invalid_choice": "Jenis surat ini tidak tersedia."})

    def __init__(self, *args, jenis_qs=None, spesifikasi=(), syarat=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["penduduk"].widget = forms.HiddenInput()
        if jenis_qs is not None:
            self.fields["jenis"].queryset = jenis_qs
        self.spesifikasi = list(spesifikasi)
        tambah_isian(self, self.spesifikasi)
        self.syarat = list(syarat)
        for s in self.syarat:
            self.fields[AWALAN_SYARAT + s["kode"]] = forms.FileField(
                label=f"Pindaian: {s.get('label') or s['kode']}", required=False,
                widget=forms.ClearableFileInput(attrs={"accept": TERIMA_BERKAS}),
                help_text="PDF, JPG atau PNG. Boleh dikosongkan bila dokumen asli diperlihatkan saat pemeriksaan.")
        self.apply_bootstrap()

    def isian_fields(self):
        return [self[AWALAN_ISIAN + f["kode"]] for f in self.spesifikasi]

    def syarat_fields(self):
        return [(s["kode"], self[AWALAN_SYARAT + s["kode"]]) for s in self.syarat]

    def berkas(self) -> list[tuple[str, object]]:
        return [(s["kode"], self.cleaned_data.get(AWALAN_SYARAT + s["kode"])) for s in self.syarat
                if self.cleaned_data.get(AWALAN_SYARAT + s["kode"])]


class LampiranForm(BootstrapForm):
    syarat = forms.ChoiceField(label="Persyaratan", error_messages={"required": "Pilih persyaratan yang dipindai.",
                                                                    "invalid_choice": "Persyaratan tidak dikenal."})
    berkas = forms.FileField(label="Berkas pindaian", widget=forms.ClearableFileInput(attrs={"accept": TERIMA_BERKAS}),
                             help_text="PDF, JPG atau PNG.",
                             error_messages={"required": "Pilih berkas pindaian (PDF, JPG atau PNG).",
                                             "empty": "Berkas kosong; pilih hasil pindaian yang benar."})

    def __init__(self, *args, syarat=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["syarat"].choices = [(s["kode"], s.get("label") or s["kode"]) for s in syarat]


class PeriksaForm(BootstrapForm):
    asli_dilihat = forms.MultipleChoiceField(label="Dokumen asli sudah dilihat", required=False,
                                             widget=forms.CheckboxSelectMultiple)
    catatan = forms.CharField(label="Catatan pemeriksaan", required=False, max_length=1000,
                              widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, syarat=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["asli_dilihat"].choices = [(s["kode"], s.get("label") or s["kode"]) for s in syarat]


class AlasanForm(BootstrapForm):
    """A reason (rejecting or cancelling); the service checks its length and says why."""

    alasan = forms.CharField(label="Alasan", max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": "Alasan wajib diisi."})


class PassphraseForm(BootstrapForm):
    passphrase = forms.CharField(
        label="Passphrase tanda tangan elektronik", strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "autocapitalize": "off", "spellcheck": "false"}),
        error_messages={"required": "Passphrase wajib diisi."})


class TandatanganiBanyakForm(PassphraseForm):
    surat = forms.TypedMultipleChoiceField(label="Surat", choices=(), coerce=str, error_messages={
        "required": "Pilih paling sedikit satu surat untuk ditandatangani."})

    def __init__(self, *args, pilihan=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["surat"].choices = list(pilihan)


class BatchForm(PassphraseForm):
    """A batch: which residents (a wilayah, a filter, or a list of NIKs), the letter type and
    its common fields, and the signer's passphrase."""

    SUMBER = [("wilayah", "Semua penduduk di dusun/RW/RT"), ("saring", "Penduduk menurut umur/jenis kelamin"),
              ("nik", "Daftar NIK")]

    jenis = forms.ModelChoiceField(label="Jenis surat", queryset=JenisSurat.objects.none(), empty_label="— pilih —",
                                   error_messages={"required": "Pilih jenis surat."})
    sumber = forms.ChoiceField(label="Penerima", choices=SUMBER, widget=forms.RadioSelect, initial="wilayah")
    wilayah = forms.ChoiceField(label="Dusun/RW/RT", required=False)
    jenis_kelamin = forms.TypedChoiceField(label="Jenis kelamin", required=False, coerce=int, empty_value=None,
                                           choices=[("", "Semua"), (1, "Laki-laki"), (2, "Perempuan")])
    umur_min = forms.IntegerField(label="Umur paling muda", required=False, min_value=0, max_value=150)
    umur_max = forms.IntegerField(label="Umur paling tua", required=False, min_value=0, max_value=150)
    daftar_nik = forms.CharField(label="Daftar NIK (satu per baris)", required=False,
                                 widget=forms.Textarea(attrs={"rows": 4, "inputmode": "numeric"}))
    berkas_nik = forms.FileField(label="…atau unggah berkas teks berisi NIK", required=False,
                                 widget=forms.ClearableFileInput(attrs={"accept": ".txt,.csv,text/plain"}))

    field_order = ["jenis", "sumber", "wilayah", "jenis_kelamin", "umur_min", "umur_max", "daftar_nik", "berkas_nik"]

    def __init__(self, *args, jenis_qs=None, wilayah_choices=(), spesifikasi=(), **kwargs):
        super().__init__(*args, **kwargs)
        if jenis_qs is not None:
            self.fields["jenis"].queryset = jenis_qs
        self.fields["wilayah"].choices = [("", "— pilih —"), *wilayah_choices]
        self.spesifikasi = list(spesifikasi)
        tambah_isian(self, self.spesifikasi)
        self.order_fields([*self.field_order, *[AWALAN_ISIAN + f["kode"] for f in self.spesifikasi], "passphrase"])
        self.apply_bootstrap()

    def isian_fields(self):
        return [self[AWALAN_ISIAN + f["kode"]] for f in self.spesifikasi]
