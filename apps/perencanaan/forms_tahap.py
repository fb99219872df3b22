"""Forms of the later stages and deliberations. They only shape the input; berjenjang.py and
musyawarah.py validate and answer in Bahasa Indonesia."""
from __future__ import annotations

from django import forms

from apps.akun.formulir import BootstrapForm, DateInput

from .models import Kehadiran, Keputusan, UnsurPeserta

BANTUAN_BERKAS = "PDF, JPG atau PNG, paling besar 10 MB; jenis diperiksa dari isi berkas."


class PutusanForm(BootstrapForm):
    """One proposal's record at a stage: figures, mapping, decision; one score field per criterion."""

    volume = forms.DecimalField(label="Volume", min_value=0, max_digits=12, decimal_places=2, required=False)
    satuan = forms.CharField(label="Satuan", max_length=30, required=False)
    perkiraan_biaya = forms.DecimalField(label="Perkiraan biaya (Rp)", max_digits=15, decimal_places=0, required=False)
    target = forms.CharField(label="Target", max_length=200, required=False)
    perangkat_daerah = forms.ModelChoiceField(label="Perangkat daerah", queryset=None, required=False)
    program = forms.CharField(label="Program / kegiatan perangkat daerah", max_length=200, required=False)
    keputusan = forms.ChoiceField(label="Keputusan", choices=[c for c in Keputusan.choices if c[0] != Keputusan.DIGABUNG])
    alasan = forms.CharField(label="Alasan / catatan", widget=forms.Textarea(attrs={"rows": 2}), required=False,
                             help_text="Wajib untuk keputusan ditolak atau ditunda; dilihat desa pengusul dan publik.")

    def __init__(self, *args, kriteria=(), pd_qs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["perangkat_daerah"].queryset = pd_qs
        self.kriteria = list(kriteria)
        for k in self.kriteria:
            self.fields[f"nilai_{k.kode}"] = forms.TypedChoiceField(
                label=f"Skor {k.nama}", coerce=int, required=False, empty_value=None,
                choices=[("", "—")] + [(i, str(i)) for i in range(1, 6)], help_text=k.keterangan)
        self.apply_bootstrap()

    def data_layanan(self) -> dict:
        d = self.cleaned_data
        out = {k: d[k] for k in ("satuan", "target", "program", "keputusan", "alasan", "perangkat_daerah")}
        for k in ("volume", "perkiraan_biaya"):
            if d.get(k) is not None:
                out[k] = d[k]
        if not out["satuan"]:
            out.pop("satuan")
        nilai = {k.kode: d.get(f"nilai_{k.kode}") for k in self.kriteria if d.get(f"nilai_{k.kode}") is not None}
        if nilai:
            out["nilai"] = nilai
        return out


class GabungForm(BootstrapForm):
    """Two proposals named by their public code. A kecamatan holds thousands of proposals, so
    the codes are offered by one shared <datalist> (rendered once, see tahap/kerja.html), not by
    two <select>s of thousands of options each."""

    _kode = {"list": "kode-usulan", "autocomplete": "off", "placeholder": "kode usulan, mis. MR28-2005-0001",
             "maxlength": 40}
    usulan = forms.CharField(label="Usulan yang digabung", max_length=40, widget=forms.TextInput(attrs=_kode))
    tujuan = forms.CharField(label="Digabung ke (usulan yang bertahan)", max_length=40,
                             widget=forms.TextInput(attrs=_kode))
    alasan = forms.CharField(label="Alasan", max_length=300, required=False)


class KirimForm(BootstrapForm):
    catatan = forms.CharField(label="Catatan pengiriman", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class TetapkanForm(BootstrapForm):
    nomor_penetapan = forms.CharField(label="Nomor Peraturan Bupati", max_length=80)
    tanggal_penetapan = forms.DateField(label="Tanggal penetapan", widget=DateInput())


class MusyawarahForm(BootstrapForm):
    tahap = forms.ModelChoiceField(label="Tahap", queryset=None)
    judul = forms.CharField(label="Judul", max_length=200)
    waktu = forms.DateTimeField(label="Waktu", widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                                          format="%Y-%m-%dT%H:%M"))
    tempat = forms.CharField(label="Tempat", max_length=200)
    tautan_daring = forms.URLField(label="Tautan rapat daring", required=False, assume_scheme="https")
    pimpinan = forms.CharField(label="Pimpinan musyawarah", max_length=160)
    agenda = forms.CharField(label="Agenda", widget=forms.Textarea(attrs={"rows": 3}), help_text="Satu butir per baris.")
    notulen = forms.CharField(label="Notulen / kesimpulan", widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args, tahap_qs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahap"].queryset = tahap_qs


class PesertaForm(BootstrapForm):
    nama = forms.CharField(label="Nama", max_length=160)
    unsur = forms.ChoiceField(label="Unsur", choices=UnsurPeserta.choices)
    asal = forms.CharField(label="Asal / jabatan", max_length=160, required=False)
    akun = forms.CharField(label="Nama pengguna (akun E-Desa)", max_length=150, required=False,
                           help_text="Isi bila peserta punya akun, agar dapat melihat musyawarah dan menyetujui berita acara.")
    penandatangan = forms.BooleanField(label="Ikut menandatangani berita acara", required=False)


class HadirForm(BootstrapForm):
    peserta = forms.CharField(widget=forms.HiddenInput)
    kehadiran = forms.ChoiceField(label="Kehadiran", choices=Kehadiran.choices)


class BerkasForm(BootstrapForm):
    berkas = forms.FileField(label="Berkas", help_text=BANTUAN_BERKAS)


class TteForm(BootstrapForm):
    passphrase = forms.CharField(label="Passphrase TTE", widget=forms.PasswordInput, max_length=200)
