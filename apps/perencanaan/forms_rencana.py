"""Forms of the village plans. They only shape the input; rencana.py validates and answers in
Bahasa Indonesia keyed by field."""
from __future__ import annotations

from django import forms

from apps.akun.formulir import BootstrapForm, DateInput

from .models import PolaPelaksanaan, SumberDana

LAMA_PILIHAN = [(6, "6 tahun"), (8, "8 tahun (UU 3/2024)")]


class DesaForm(BootstrapForm):
    """Adds the village choice when the user writes for several villages."""

    def __init__(self, *args, pilihan_desa=None, **kwargs):
        super().__init__(*args, **kwargs)
        pilihan_desa = pilihan_desa or []
        if len(pilihan_desa) > 1:
            self.fields = {"desa": forms.ChoiceField(label="Desa/kelurahan", choices=[("", "— pilih desa —"),
                                                                                         *pilihan_desa]),
                           **self.fields}
            self.apply_bootstrap()


class RPJMDesForm(DesaForm):
    tahun_mulai = forms.IntegerField(label="Tahun mulai", required=False, widget=forms.NumberInput(
        attrs={"inputmode": "numeric", "min": 2000, "max": 2100}))
    lama_tahun = forms.TypedChoiceField(label="Lama periode", choices=LAMA_PILIHAN, coerce=int, initial=6,
                                        help_text="6 tahun, atau 8 tahun bagi kepala desa yang masa jabatannya "
                                                  "8 tahun menurut UU 3/2024.")
    visi = forms.CharField(label="Visi", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    misi = forms.CharField(label="Misi", required=False, widget=forms.Textarea(attrs={"rows": 4}),
                           help_text="Satu misi per baris.")


class KegiatanForm(BootstrapForm):
    """The Permendagri 114/2014 matrix fields shared by RPJMDes and RKPDes lines; `bidang` is a
    text input tied to a datalist of APBDes kegiatan codes (searchable by code or name)."""

    bidang = forms.CharField(label="Kode bidang/kegiatan APBDes", required=False, max_length=250,
                             widget=forms.TextInput(attrs={"list": "daftar-kode-apbdes", "autocomplete": "off",
                                                           "placeholder": "ketik kode atau nama, mis. jalan usaha tani"}))
    kegiatan = forms.CharField(label="Nama kegiatan", required=False, max_length=255)
    lokasi = forms.CharField(label="Lokasi", required=False, max_length=200, help_text="Dusun/RT/RW atau tempat.")
    volume = forms.CharField(label="Volume", required=False, max_length=20,
                             widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    satuan = forms.CharField(label="Satuan", required=False, max_length=30, help_text="Mis. meter, unit, paket, orang.")
    sasaran_manfaat = forms.CharField(label="Sasaran/manfaat", required=False, max_length=255)
    perkiraan_biaya = forms.CharField(label="Perkiraan biaya (Rp)", required=False, max_length=20,
                                      widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    sumber_dana = forms.ChoiceField(label="Sumber dana", required=False, choices=[("", "—"), *SumberDana.choices])
    pola_pelaksanaan = forms.ChoiceField(label="Pola pelaksanaan", required=False, choices=PolaPelaksanaan.choices)

    def clean_perkiraan_biaya(self):
        return (self.cleaned_data.get("perkiraan_biaya") or "").replace(".", "").replace(" ", "")

    def clean_volume(self):
        return (self.cleaned_data.get("volume") or "").replace(",", ".")


class KegiatanRPJMDesForm(KegiatanForm):
    tahun_pelaksanaan = forms.TypedMultipleChoiceField(label="Tahun pelaksanaan", required=False, coerce=int,
                                                       widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, rpjmdes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if rpjmdes is not None:
            tahun = range(rpjmdes.tahun_mulai, rpjmdes.tahun_selesai + 1)
            self.fields["tahun_pelaksanaan"].choices = [(t, str(t)) for t in tahun]


class RKPDesForm(DesaForm):
    rpjmdes = forms.ChoiceField(label="RPJM Desa", required=False)
    tahun = forms.IntegerField(label="Tahun", required=False, widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    tanggal_musdes = forms.DateField(label="Tanggal Musyawarah Desa", required=False, widget=DateInput(),
                                     help_text="Musyawarah desa yang menyepakati RKP Desa (boleh diisi kemudian).")

    def __init__(self, *args, pilihan_rpjmdes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rpjmdes"].choices = [("", "— pilih RPJM Desa —"), *pilihan_rpjmdes]


class KegiatanRKPDesForm(KegiatanForm):
    kegiatan_rpjmdes = forms.ChoiceField(label="Kegiatan RPJM Desa yang dilaksanakan", required=False)
    waktu_pelaksanaan = forms.CharField(label="Waktu pelaksanaan", required=False, max_length=60,
                                        help_text="Mis. 3 bulan, Juli–September.")
    pelaksana = forms.CharField(label="Pelaksana kegiatan", required=False, max_length=120,
                                help_text="Mis. TPK, Kasi Pembangunan.")
    jumlah_penerima = forms.IntegerField(label="Jumlah penerima manfaat", required=False, min_value=0)

    def __init__(self, *args, pilihan_rpjm=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kegiatan_rpjmdes"].choices = [("", "— pilih kegiatan RPJM Desa —"), *pilihan_rpjm]
        self.fields = {"kegiatan_rpjmdes": self.fields.pop("kegiatan_rpjmdes"), **self.fields}


class TetapkanForm(BootstrapForm):
    nomor_perdes = forms.CharField(label="Nomor Peraturan Desa", required=False, max_length=60,
                                   help_text="Mis. 3 Tahun 2025.")
    tanggal_perdes = forms.DateField(label="Tanggal Peraturan Desa", required=False, widget=DateInput())
