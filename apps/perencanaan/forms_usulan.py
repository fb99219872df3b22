"""Forms of proposals and the village ranking. They only shape the input; usulan.py and
penilaian.py validate and answer in Bahasa Indonesia. Choices carry codes (wilayah code, unit
code, plan year), never another office's record ids."""
from __future__ import annotations

from django import forms

from apps.akun.formulir import BootstrapForm
from apps.wilayah.models import UnitKerja, Wilayah

from .models import JenisUsulan, Keputusan, PengusulJenis, SumberDana, Urusan

BANTUAN_FOTO = "JPG, PNG atau WebP, paling besar 5 MB per foto, paling banyak 5 foto."


class UsulanForm(BootstrapForm):
    tahun = forms.TypedChoiceField(label="Siklus (tahun rencana)", coerce=int)
    nama_kegiatan = forms.CharField(label="Nama kegiatan", max_length=200,
                                    help_text="Apa yang diusulkan, mis. Rehabilitasi jembatan kayu RT 003.")
    jenis = forms.ChoiceField(label="Jenis", choices=JenisUsulan.choices)
    uraian = forms.CharField(label="Uraian / permasalahan", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    output = forms.CharField(label="Keluaran (output)", max_length=200, required=False)
    lokasi = forms.ChoiceField(label="Lokasi (dusun/RW/RT)")
    lokasi_keterangan = forms.CharField(label="Keterangan lokasi", max_length=200, required=False)
    lat = forms.DecimalField(label="Lintang", required=False, max_digits=9, decimal_places=6,
                             widget=forms.NumberInput(attrs={"step": "0.000001", "data-peta": "lat"}),
                             help_text="Klik titik lokasi pada peta, atau isi manual.")
    lng = forms.DecimalField(label="Bujur", required=False, max_digits=9, decimal_places=6,
                             widget=forms.NumberInput(attrs={"step": "0.000001", "data-peta": "lng"}))
    volume = forms.DecimalField(label="Volume", max_digits=12, decimal_places=2)
    satuan = forms.CharField(label="Satuan", max_length=30, help_text="Mis. meter, unit, paket, orang.")
    target = forms.CharField(label="Target / penerima manfaat", max_length=200, required=False)
    jumlah_penerima = forms.IntegerField(label="Jumlah penerima manfaat", min_value=0, initial=0, required=False)
    perkiraan_biaya = forms.DecimalField(label="Perkiraan biaya (Rp)", max_digits=15, decimal_places=0)
    sumber_dana = forms.ChoiceField(label="Sumber dana", choices=SumberDana.choices, initial=SumberDana.APBD_KAB)
    urusan = forms.ChoiceField(label="Bidang urusan", choices=[("", "— pilih —"), *Urusan.choices])
    perangkat_daerah = forms.ChoiceField(label="Perangkat daerah penanggung jawab", required=False)
    pengusul_jenis = forms.ChoiceField(label="Jenis pengusul", choices=PengusulJenis.choices,
                                       initial=PengusulJenis.DESA)
    pengusul_nama = forms.CharField(label="Nama pengusul", max_length=160)
    swadaya = forms.CharField(label="Swadaya masyarakat", max_length=200, required=False,
                              help_text="Mis. tenaga kerja gotong royong, lahan hibah.")
    swadaya_nilai = forms.DecimalField(label="Nilai swadaya (Rp)", max_digits=15, decimal_places=0, initial=0,
                                       required=False)
    foto = forms.FileField(label="Foto kondisi (opsional)", required=False, help_text=BANTUAN_FOTO,
                           widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))

    WARGA_TANPA = ("perangkat_daerah", "pengusul_jenis", "sumber_dana", "swadaya_nilai", "pengusul_nama")

    def __init__(self, *args, desa: str, kabupaten: str, tahun_pilihan: list[int], warga: bool = False,
                 ubah: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahun"].choices = [(t, f"Musrenbang RKPD {t}") for t in tahun_pilihan]
        wil = Wilayah.objects.filter(kode__startswith=desa + ".").order_by("kode").values_list("kode", "nama", "tingkat")
        desa_nama = Wilayah.objects.filter(kode=desa).values_list("nama", flat=True).first() or desa
        self.fields["lokasi"].choices = [(desa, f"Seluruh desa {desa_nama}")] + [
            (k, f"{'— ' * max(k.count('.') - 3, 0)}{n}") for k, n, _t in wil]
        pd = UnitKerja.objects.filter(jenis="pd", wilayah_id=kabupaten).order_by("nama").values_list("kode", "nama")
        self.fields["perangkat_daerah"].choices = [("", "— belum ditentukan —"), *pd]
        if ubah:
            del self.fields["tahun"]
            del self.fields["foto"]
        if warga:
            for f in self.WARGA_TANPA:
                self.fields.pop(f, None)


class FotoForm(BootstrapForm):
    foto = forms.FileField(label="Foto", help_text=BANTUAN_FOTO,
                           widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))
    keterangan = forms.CharField(label="Keterangan foto", max_length=200, required=False)


class DukunganKertasForm(BootstrapForm):
    jumlah = forms.IntegerField(label="Jumlah dukungan tertulis", min_value=0)
    catatan = forms.CharField(label="Catatan (asal dukungan)", max_length=300,
                              help_text="Mis. daftar hadir Musyawarah Dusun I, 12 Januari.")


class DukungForm(BootstrapForm):
    komentar = forms.CharField(label="Alasan mendukung (opsional)", max_length=200, required=False)


class NilaiForm(BootstrapForm):
    """The village's scores and decision of one proposal; one score field per criterion."""

    volume = forms.DecimalField(label="Volume", max_digits=12, decimal_places=2)
    perkiraan_biaya = forms.DecimalField(label="Biaya (Rp)", max_digits=15, decimal_places=0)
    keputusan = forms.ChoiceField(label="Keputusan", choices=[
        (Keputusan.DIUSULKAN, "Diteruskan"), (Keputusan.DITOLAK, "Ditolak"), (Keputusan.DITUNDA, "Ditunda")])
    alasan = forms.CharField(label="Alasan", required=False, max_length=500)
    peringkat_manual = forms.IntegerField(label="Peringkat manual", required=False, min_value=1)
    alasan_manual = forms.CharField(label="Alasan peringkat manual", required=False, max_length=300)

    def __init__(self, *args, kriteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.kriteria = kriteria
        for k in kriteria:
            self.fields[f"nilai_{k.kode}"] = forms.TypedChoiceField(
                label=f"{k.nama} (bobot {k.bobot:g})", coerce=int, required=False, empty_value=None,
                choices=[("", "–")] + [(i, str(i)) for i in range(1, 6)])
        self.apply_bootstrap()

    def nilai_bidang(self):
        return [self[f"nilai_{k.kode}"] for k in self.kriteria]

    def data_layanan(self) -> dict:
        d = self.cleaned_data
        nilai = {k.kode: d[f"nilai_{k.kode}"] for k in self.kriteria if d.get(f"nilai_{k.kode}") is not None}
        return {"volume": d["volume"], "perkiraan_biaya": d["perkiraan_biaya"], "keputusan": d["keputusan"],
                "alasan": d.get("alasan") or "", "nilai": nilai, "peringkat_manual": d.get("peringkat_manual"),
                "alasan_manual": d.get("alasan_manual") or ""}
