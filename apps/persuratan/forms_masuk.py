"""Forms of the incoming area: registering a paper letter, disposing, following up. They only
shape the input; masuk.py validates and answers in Bahasa Indonesia."""
from __future__ import annotations

from django import forms

from apps.akun.formulir import BootstrapForm, DateInput

from .models import JenisNaskah, KlasifikasiArsip, Sifat, Urgensi


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (each checked by berkas.simpan)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        tunggal = super().clean
        if isinstance(data, (list, tuple)):
            return [tunggal(d, initial) for d in data if d]
        return [tunggal(data, initial)] if data else []


BANTUAN_BERKAS = "PDF, JPG, PNG atau dokumen kantor (DOCX, XLSX, ODT ...); jenis diperiksa dari isi berkas."


class CatatFisikForm(BootstrapForm):
    pengirim = forms.CharField(label="Pengirim", max_length=200, required=False,
                               help_text="Instansi atau nama pengirim, mis. Polsek Seruyan Hilir.")
    nomor_surat = forms.CharField(label="Nomor surat", max_length=120, required=False)
    tanggal_surat = forms.DateField(label="Tanggal surat", widget=DateInput(), required=False)
    diterima = forms.DateField(label="Tanggal diterima", widget=DateInput(), required=False,
                               help_text="Kosongkan bila diterima hari ini.")
    perihal = forms.CharField(label="Perihal", max_length=255, required=False)
    jenis = forms.ChoiceField(label="Jenis naskah", choices=[("", "—")] + list(JenisNaskah.choices), required=False)
    # Chosen by code (reference data of the regency), so the page carries no record ids.
    klasifikasi = forms.ModelChoiceField(label="Klasifikasi arsip", queryset=KlasifikasiArsip.objects.none(),
                                         required=False, to_field_name="kode")
    sifat = forms.ChoiceField(label="Sifat", choices=Sifat.choices, initial=Sifat.BIASA)
    urgensi = forms.ChoiceField(label="Derajat kecepatan", choices=Urgensi.choices, initial=Urgensi.BIASA)
    batas_waktu = forms.DateField(label="Batas waktu", widget=DateInput(), required=False)
    keterangan = forms.CharField(label="Keterangan", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    berkas = MultipleFileField(label="Pindaian surat", help_text=BANTUAN_BERKAS)

    def __init__(self, *args, klasifikasi_qs=None, **kwargs):
        super().__init__(*args, **kwargs)
        if klasifikasi_qs is not None:
            self.fields["klasifikasi"].queryset = klasifikasi_qs


class DisposisiForm(BootstrapForm):
    kepada = forms.MultipleChoiceField(label="Kepada", required=False, widget=forms.SelectMultiple(attrs={"size": 8}),
                                       help_text="Tahan Ctrl (atau sentuh lama) untuk memilih beberapa jabatan.")
    instruksi = forms.CharField(label="Instruksi", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    urgensi = forms.ChoiceField(label="Derajat kecepatan", choices=Urgensi.choices, initial=Urgensi.BIASA)
    batas_waktu = forms.DateField(label="Batas waktu", widget=DateInput(), required=False)

    def __init__(self, *args, pilihan=(), **kwargs):
        super().__init__(*args, **kwargs)
        sendiri = [(str(j.pk), label) for j, label in pilihan if not getattr(j, "_lain", False)]
        lain = [(str(j.pk), label) for j, label in pilihan if getattr(j, "_lain", False)]
        grup = []
        if sendiri:
            grup.append(("Jabatan di unit ini", sendiri))
        if lain:
            grup.append(("Kepala unit lain", lain))
        self.fields["kepada"].choices = grup


class TindakLanjutForm(BootstrapForm):
    catatan = forms.CharField(label="Catatan tindak lanjut", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    berkas = MultipleFileField(label="Lampiran", help_text=BANTUAN_BERKAS)
    menutup = forms.BooleanField(label="Selesaikan disposisi ini (tutup)", required=False)
