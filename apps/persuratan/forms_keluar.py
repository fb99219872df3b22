"""Forms of outgoing naskah: the draft (content, signer, ordered review chain, addressees
grouped by kind of unit, outside addressees one per line, attachments), and the small forms
of the actions on a naskah's page (initial/return, sign, cancel, attach)."""
from __future__ import annotations

from django import forms

from apps.akun.formulir import BootstrapForm
from apps.wilayah.models import JenisUnit

from .models import JenisNaskah, JenisPenerima, Sifat, Urgensi

JUMLAH_PARAF = 4
LABEL_JENIS_UNIT = dict(JenisUnit.choices)


class BanyakBerkasInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class BanyakBerkasField(forms.FileField):
    """Several files in one input; each is checked by the service (berkas.simpan)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", BanyakBerkasInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(BanyakBerkasField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


def pilihan_unit(units) -> list:
    """Units grouped by kind (kecamatan, desa, kelurahan, perangkat daerah ...) for a select.
    A unit is chosen by its code (unique), so the page carries no other office's record ids."""
    grup: dict[str, list] = {}
    for u in units:
        grup.setdefault(LABEL_JENIS_UNIT.get(u.jenis, u.jenis), []).append((u.kode, u.nama))
    return list(grup.items())


class NaskahForm(BootstrapForm):
    jenis = forms.ChoiceField(label="Jenis naskah", choices=JenisNaskah.choices, initial=JenisNaskah.SURAT_DINAS)
    klasifikasi = forms.ChoiceField(label="Klasifikasi arsip", choices=(),
                                    error_messages={"required": "Pilih klasifikasi arsip."})
    perihal = forms.CharField(label="Perihal (Hal)", max_length=255,
                              error_messages={"required": "Perihal wajib diisi.",
                                              "max_length": "Perihal paling panjang 255 karakter."})
    isi = forms.CharField(label="Isi naskah", required=False, widget=forms.Textarea(attrs={"rows": 12}),
                          help_text="Paragraf dipisah baris kosong. Untuk undangan, tulis hari/tanggal, waktu dan "
                                    "tempat di sini.")
    sifat = forms.ChoiceField(label="Sifat", choices=Sifat.choices, initial=Sifat.BIASA)
    urgensi = forms.ChoiceField(label="Derajat kecepatan", choices=Urgensi.choices, initial=Urgensi.BIASA)
    lampiran_keterangan = forms.CharField(label="Lampiran", max_length=100, required=False,
                                          help_text="Yang tertulis pada baris Lampiran, mis. 1 (satu) berkas.")
    jabatan_penandatangan = forms.ChoiceField(label="Jabatan penandatangan", choices=(),
                                              error_messages={"required": "Pilih jabatan penandatangan."})
    kepada = forms.MultipleChoiceField(label="Kepada (unit dalam jaringan)", required=False,
                                       widget=forms.SelectMultiple(attrs={"size": 10}))
    tembusan = forms.MultipleChoiceField(label="Tembusan", required=False,
                                         widget=forms.SelectMultiple(attrs={"size": 6}))
    luar = forms.CharField(label="Kepada (di luar jaringan)", required=False,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="Satu penerima per baris, mis. Kapolsek Seruyan Hilir. Dikirim lewat kertas "
                                     "dan dicatat di Buku Ekspedisi.")
    berkas = BanyakBerkasField(label="Lampiran berkas", required=False,
                               help_text="PDF, JPG, PNG atau dokumen kantor; boleh lebih dari satu.")
    balasan_untuk = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, klasifikasi=(), jabatan=(), tujuan=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._klasifikasi = {k.kode: k for k in klasifikasi}
        self._unit = {u.kode: u for u in tujuan}
        self.fields["klasifikasi"].choices = [("", "— pilih —")] + [(k.kode, f"{k.kode} {k.nama}")
                                                                     for k in self._klasifikasi.values()]
        pilihan_jabatan = [(str(j.pk), j.nama) for j in jabatan]
        self.fields["jabatan_penandatangan"].choices = [("", "— pilih —"), *pilihan_jabatan]
        for i in range(1, JUMLAH_PARAF + 1):
            self.fields[f"paraf_{i}"] = forms.ChoiceField(
                label=f"Pemaraf {i}", required=False, choices=[("", "— tidak ada —"), *pilihan_jabatan])
        grup = pilihan_unit(tujuan)
        self.fields["kepada"].choices = grup
        self.fields["tembusan"].choices = grup
        self.apply_bootstrap()

    def _terpilih(self, nama: str) -> list[str]:
        """Names of the units chosen in a multi-select (bound data or initial), for the summary
        under it: a long list hides what is selected."""
        kode = self[nama].value() or []
        if isinstance(kode, str):
            kode = [kode]
        return [self._unit[k].nama for k in kode if k in self._unit]

    @property
    def kepada_terpilih(self) -> list[str]:
        return self._terpilih("kepada")

    @property
    def tembusan_terpilih(self) -> list[str]:
        return self._terpilih("tembusan")

    @property
    def paraf_tambahan_terisi(self) -> bool:
        """Whether a second or later reviewer is set (then the extra rows start open)."""
        return any(self[f"paraf_{i}"].value() for i in range(2, JUMLAH_PARAF + 1))

    def paraf(self) -> list[str]:
        return [self.cleaned_data[f"paraf_{i}"] for i in range(1, JUMLAH_PARAF + 1)
                if self.cleaned_data.get(f"paraf_{i}")]

    def penerima(self) -> list[dict]:
        d = self.cleaned_data
        hasil = [{"unit": self._unit[k], "nama_luar": "", "jenis": JenisPenerima.KEPADA} for k in d.get("kepada") or ()]
        hasil += [{"unit": None, "nama_luar": baris.strip(), "jenis": JenisPenerima.KEPADA}
                  for baris in (d.get("luar") or "").splitlines() if baris.strip()]
        hasil += [{"unit": self._unit[k], "nama_luar": "", "jenis": JenisPenerima.TEMBUSAN}
                  for k in d.get("tembusan") or ()]
        return hasil

    def argumen(self) -> dict:
        """The service's keyword arguments from the cleaned data."""
        d = self.cleaned_data
        return {"jenis": d["jenis"], "klasifikasi": self._klasifikasi.get(d["klasifikasi"]), "perihal": d["perihal"], "isi": d["isi"],
                "jabatan_penandatangan": d["jabatan_penandatangan"], "penerima": self.penerima(),
                "paraf": self.paraf(), "sifat": d["sifat"], "urgensi": d["urgensi"],
                "lampiran_keterangan": d["lampiran_keterangan"], "berkas": d.get("berkas") or []}


class ParafForm(BootstrapForm):
    catatan = forms.CharField(label="Catatan", required=False, max_length=1000,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text="Wajib bila naskah dikembalikan untuk diperbaiki.")


class PassphraseForm(BootstrapForm):
    passphrase = forms.CharField(
        label="Passphrase tanda tangan elektronik", strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "autocapitalize": "off", "spellcheck": "false"}),
        error_messages={"required": "Passphrase wajib diisi."})


class AlasanForm(BootstrapForm):
    alasan = forms.CharField(label="Alasan", max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": "Alasan pembatalan wajib diisi."})


class LampiranForm(BootstrapForm):
    berkas = forms.FileField(label="Berkas", error_messages={"required": "Pilih berkas yang akan diunggah."})
