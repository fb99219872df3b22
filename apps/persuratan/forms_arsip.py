"""Forms of the archive pages: the search, the classification code and the CSV import. The
classification filter takes a CODE (000.1 also finds 000.1.x), never a row id."""
from __future__ import annotations

from django import forms

from apps.akun.formulir import BootstrapForm, DateInput

from .models import JenisNaskah, TindakanAkhir

ARAH_PILIHAN = [("semua", "Keluar dan masuk"), ("keluar", "Surat keluar"), ("masuk", "Surat masuk")]


class CariArsipForm(BootstrapForm):
    q = forms.CharField(label="Kata atau nomor", required=False, max_length=200,
                        widget=forms.TextInput(attrs={"placeholder": "mis. musrenbang, 005/012/DESA", "type": "search"}))
    arah = forms.ChoiceField(label="Arah", required=False, choices=ARAH_PILIHAN)
    jenis = forms.ChoiceField(label="Jenis naskah", required=False,
                              choices=[("", "— semua jenis —"), *JenisNaskah.choices])
    klasifikasi = forms.CharField(label="Kode klasifikasi", required=False, max_length=20,
                                  widget=forms.TextInput(attrs={"list": "daftar-klasifikasi", "placeholder": "mis. 000.1"}))
    dari = forms.DateField(label="Dari tanggal", required=False, widget=DateInput())
    sampai = forms.DateField(label="Sampai tanggal", required=False, widget=DateInput())

    def clean_klasifikasi(self):
        from .klasifikasi import CONTOH_KODE, POLA_KODE

        kode = (self.cleaned_data.get("klasifikasi") or "").strip()
        if kode and not POLA_KODE.match(kode):
            raise forms.ValidationError(f"Kode klasifikasi tidak sesuai format: {CONTOH_KODE}.")
        return kode

    def clean(self):
        d = super().clean()
        if d.get("dari") and d.get("sampai") and d["dari"] > d["sampai"]:
            self.add_error("sampai", "Tanggal akhir harus sama dengan atau sesudah tanggal awal.")
        return d


class KlasifikasiForm(BootstrapForm):
    """One code. `kabupaten` is shown only to an admin of several regencies; `kode` only when
    creating (a code never changes)."""

    kabupaten = forms.ChoiceField(label="Kabupaten", choices=())
    kode = forms.CharField(label="Kode", max_length=20, help_text="Bertitik, mis. 000.1.5; induknya (000.1) harus sudah ada.")
    nama = forms.CharField(label="Nama", max_length=255)
    retensi_aktif = forms.IntegerField(label="Retensi aktif (tahun)", min_value=0, max_value=99, initial=2)
    retensi_inaktif = forms.IntegerField(label="Retensi inaktif (tahun)", min_value=0, max_value=99, initial=3)
    tindakan_akhir = forms.ChoiceField(label="Tindakan akhir", choices=TindakanAkhir.choices)
    keterangan = forms.CharField(label="Keterangan", max_length=255, required=False)
    aktif = forms.BooleanField(label="Aktif (ditawarkan untuk naskah baru)", required=False, initial=True)

    def __init__(self, *args, kabupaten: list[tuple[str, str]] = (), ubah: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if ubah:
            del self.fields["kode"]
            del self.fields["kabupaten"]
        else:
            del self.fields["aktif"]
            self.fields["kabupaten"].choices = list(kabupaten)
            if len(kabupaten) <= 1:
                self.fields["kabupaten"].widget = forms.HiddenInput()
                if kabupaten:
                    self.fields["kabupaten"].initial = kabupaten[0][0]


class ImporKlasifikasiForm(BootstrapForm):
    kabupaten = forms.ChoiceField(label="Kabupaten", choices=())
    berkas = forms.FileField(label="Berkas CSV", help_text="UTF-8, pemisah titik koma (;) atau koma (,), paling besar 2 MB.",
                             widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}))

    def __init__(self, *args, kabupaten: list[tuple[str, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kabupaten"].choices = list(kabupaten)
        if len(kabupaten) <= 1:
            self.fields["kabupaten"].widget = forms.HiddenInput()
            if kabupaten:
                self.fields["kabupaten"].initial = kabupaten[0][0]
