"""Forms of the template editor and the number format editor. They only parse what was typed;
the services check placeholders, isian specs and tokens and say what is wrong."""
from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from apps.akun.formulir import BootstrapForm

from . import placeholder
from .isian import JENIS
from .models import Kertas

BANTUAN_ISIAN = ("Satu baris satu kolom: kode|label|jenis|wajib|pilihan1;pilihan2. Jenis: "
                 + ", ".join(JENIS) + ". Wajib: ya/tidak. Contoh: nama_usaha|Nama usaha|teks|ya")


def isian_ke_teks(spek: list[dict]) -> str:
    return "\n".join("|".join([f["kode"], f.get("label", ""), f.get("jenis", "teks"), "ya" if f.get("wajib") else "tidak"]
                              + ([";".join(f["pilihan"])] if f.get("pilihan") else [])) for f in spek or [])


def teks_ke_isian(teks: str) -> list[dict]:
    """Lines "kode|label|jenis|wajib|pilihan" -> spec dicts; a line with too few parts is an
    error naming the line."""
    hasil, galat = [], []
    for i, baris in enumerate((teks or "").splitlines(), start=1):
        if not baris.strip():
            continue
        bagian = [b.strip() for b in baris.split("|")]
        if len(bagian) < 2:
            galat.append(f"Baris {i}: tulis paling sedikit kode|label.")
            continue
        kode, label, jenis, wajib, pilihan = (bagian + ["", "", "", ""])[:5]
        f = {"kode": kode, "label": label, "jenis": jenis or "teks", "wajib": wajib.lower() in ("ya", "y", "wajib", "1")}
        if pilihan:
            f["pilihan"] = [p.strip() for p in pilihan.split(";") if p.strip()]
        hasil.append(f)
    if galat:
        raise ValidationError(galat)
    return hasil


class TemplateForm(BootstrapForm):
    judul = forms.CharField(label="Judul surat", max_length=160)
    pembuka = forms.CharField(label="Kalimat pembuka", widget=forms.Textarea(attrs={"rows": 3}))
    kolom_data = forms.MultipleChoiceField(
        label="Kolom tabel data", required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        choices=[(p.kode, p.label) for p in placeholder.PENDUDUK])
    isi = forms.CharField(label="Isi (satu paragraf per baris)", required=False, widget=forms.Textarea(attrs={"rows": 6}))
    penutup = forms.CharField(label="Kalimat penutup", widget=forms.Textarea(attrs={"rows": 2}))
    isian = forms.CharField(label="Isian tambahan", required=False, help_text=BANTUAN_ISIAN,
                            widget=forms.Textarea(attrs={"rows": 3, "class": "font-monospace"}))
    kertas = forms.ChoiceField(label="Ukuran kertas", choices=Kertas.choices, initial=Kertas.A4)
    mengetahui_camat = forms.BooleanField(label="Dengan \"Mengetahui, Camat\"", required=False)
    catatan_versi = forms.CharField(label="Catatan perubahan", max_length=255, required=False)

    def clean_isian(self) -> list[dict]:
        return teks_ke_isian(self.cleaned_data.get("isian", ""))

    @classmethod
    def awal(cls, tpl) -> dict:
        if tpl is None:
            return {}
        return {"judul": tpl.judul, "pembuka": tpl.pembuka, "kolom_data": tpl.kolom_data, "isi": tpl.isi,
                "penutup": tpl.penutup, "isian": isian_ke_teks(tpl.isian), "kertas": tpl.kertas,
                "mengetahui_camat": tpl.mengetahui_camat}


class FormatNomorForm(BootstrapForm):
    jenis = forms.ModelChoiceField(label="Jenis surat", queryset=None, required=False,
                                   empty_label="— semua jenis (format bawaan kantor) —")
    format = forms.CharField(label="Format nomor", max_length=120,
                             initial="[kode]/[nomor]/[kode_desa]/[bulan_romawi]/[tahun]")
    seri = forms.CharField(label="Seri penomoran", max_length=40, initial="umum",
                           help_text="Jenis surat dengan seri yang sama berbagi satu urutan nomor per tahun.")
    digit = forms.IntegerField(label="Jumlah digit nomor urut", min_value=1, max_value=6, initial=3)

    def __init__(self, *args, jenis_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jenis"].queryset = jenis_qs
