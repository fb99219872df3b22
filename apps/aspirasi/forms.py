"""Forms of the aspiration area. Validation of substance is in the services (layanan.py);
these only shape the input."""
from __future__ import annotations

from django import forms

from apps.akun.formulir import BootstrapForm, DateInput

from .models import AturanSla, Kanal, Klasifikasi, TingkatPenanganan

PESAN_TITIK = "Titik peta tidak valid; ketuk ulang peta atau kosongkan."


class FotoBanyak(forms.ClearableFileInput):
    allow_multiple_selected = True


class FotoField(forms.FileField):
    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(FotoField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class LaporForm(BootstrapForm):
    klasifikasi = forms.ChoiceField(label="Jenis laporan", choices=Klasifikasi.choices, widget=forms.RadioSelect,
                                    initial=Klasifikasi.PENGADUAN)
    kategori = forms.ChoiceField(label="Kategori", choices=())
    judul = forms.CharField(label="Judul laporan", max_length=150)
    isi = forms.CharField(label="Isi laporan", widget=forms.Textarea(attrs={"rows": 5}), max_length=5000,
                          help_text="Jelaskan apa yang terjadi, di mana, dan sejak kapan.")
    lokasi = forms.ChoiceField(label="Desa/kelurahan lokasi", choices=())
    lat = forms.DecimalField(required=False, widget=forms.HiddenInput, max_digits=9, decimal_places=6)
    lng = forms.DecimalField(required=False, widget=forms.HiddenInput, max_digits=9, decimal_places=6)
    foto = FotoField(label="Foto (paling banyak 3, masing-masing 5 MB)", required=False,
                     widget=FotoBanyak(attrs={"accept": "image/jpeg,image/png,image/webp"}))
    anonim = forms.BooleanField(label="Kirim sebagai anonim (identitas tidak diperlihatkan kepada petugas)",
                                required=False)
    rahasia = forms.BooleanField(label="Rahasia (tidak ditampilkan di portal publik)", required=False)
    nama = forms.CharField(label="Nama Anda", max_length=150, required=False)
    kontak = forms.CharField(label="Nomor HP atau email (tidak wajib)", max_length=150, required=False)
    # Honeypot: hidden by CSS; people leave it empty.
    situs = forms.CharField(required=False, label="Jangan diisi", widget=forms.TextInput(attrs={"tabindex": "-1",
                                                                                              "autocomplete": "off"}))

    def __init__(self, *args, kategori=(), desa=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kategori"].choices = [("", "— pilih kategori —")] + [(k.kode, k.nama) for k in kategori]
        self.fields["lokasi"].choices = [("", "— pilih desa/kelurahan —")] + list(desa)

    def clean(self):
        # lat/lng are hidden inputs filled by the map: their own errors are never rendered,
        # so a tampered or broken point gets one visible message instead.
        data = super().clean()
        if "lat" in self.errors or "lng" in self.errors:
            self.add_error(None, PESAN_TITIK)
        return data


class CatatForm(LaporForm):
    kanal = forms.ChoiceField(label="Diterima melalui", choices=[c for c in Kanal.choices if c[0] != Kanal.DARING])

    field_order = ["kanal"]


class TindakanForm(BootstrapForm):
    jenis = forms.ChoiceField(label="Tindakan", choices=())
    isi = forms.CharField(label="Isi / alasan / jawaban", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    ke_unit = forms.ChoiceField(label="Teruskan ke unit", choices=(), required=False)

    def __init__(self, *args, jenis=(), unit=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jenis"].choices = list(jenis)
        self.fields["ke_unit"].choices = [("", "—")] + [(str(u.pk), u.nama) for u in unit]


class ModerasiForm(BootstrapForm):
    aksi = forms.ChoiceField(label="Moderasi", choices=[("sembunyikan", "Sembunyikan dari publik"),
                                                        ("gabung", "Gabung sebagai duplikat")])
    alasan = forms.CharField(label="Alasan (sembunyikan)", max_length=255, required=False)
    kode_asli = forms.CharField(label="Kode lacak laporan asli (gabung)", max_length=16, required=False)


class NilaiForm(BootstrapForm):
    nilai = forms.TypedChoiceField(label="Nilai", coerce=int, choices=[(i, f"{i} ★") for i in range(1, 6)],
                                   widget=forms.RadioSelect)
    komentar = forms.CharField(label="Komentar", max_length=300, required=False)


class BukaKembaliForm(BootstrapForm):
    alasan = forms.CharField(label="Alasan membuka kembali", widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)


class KategoriForm(BootstrapForm):
    kode = forms.SlugField(label="Kode", max_length=40)
    nama = forms.CharField(label="Nama", max_length=120)
    keterangan = forms.CharField(label="Contoh", max_length=255, required=False)
    tingkat = forms.ChoiceField(label="Ditangani oleh", choices=TingkatPenanganan.choices)
    unit_tujuan = forms.ChoiceField(label="Perangkat daerah tujuan", choices=(), required=False)
    sla = forms.ChoiceField(label="Waktu layanan", choices=AturanSla.KODE)
    urutan = forms.IntegerField(label="Urutan", min_value=0, max_value=999, initial=0)
    aktif = forms.BooleanField(label="Aktif", required=False, initial=True)

    def __init__(self, *args, unit=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit_tujuan"].choices = [("", "—")] + [(str(u.pk), u.nama) for u in unit]


class AturanForm(BootstrapForm):
    kode = forms.ChoiceField(label="Aturan", choices=AturanSla.KODE)
    hari_kerja = forms.IntegerField(label="Batas (hari kerja)", min_value=1, max_value=365)
    dasar = forms.CharField(label="Dasar ketentuan", max_length=200, required=False)


class LiburForm(BootstrapForm):
    tanggal = forms.DateField(label="Tanggal", widget=DateInput())
    nama = forms.CharField(label="Keterangan", max_length=120)


class ImporLiburForm(BootstrapForm):
    berkas = forms.FileField(label="Berkas CSV atau XLSX (kolom: tanggal, keterangan)")
