"""The e-office: official correspondence (naskah dinas) between units, incoming registration,
dispositions, tracking, the archive and its classification (decision 0012).

Who writes what (DESIGN.md invariant 3):
- the sending unit writes its `Naskah`, its distribution list (`PenerimaNaskah`), its review
  chain (`ParafNaskah`) and its number series;
- delivery creates, in the sender's transaction, one `SuratMasuk` per receiving unit, OWNED BY
  THE RECEIVER: after that only the receiver writes it (read, registered, archived). The same
  holds for a disposition: the disposer writes `Disposisi` and creates one
  `PenerimaDisposisi` per addressee, owned by the addressee's office, which alone then writes
  it (acknowledged, followed up, closed) and its `TindakLanjut` records;
- the classification codes (KKA) and the regency's templates belong to the kabupaten.

Scope is by unit, not by region: a unit sees the letters it sent and the ones addressed to it,
never another unit's, even in the same village or regency (see izin.py).
"""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from apps.sinkron.ids import uuid7
from apps.sinkron.models import SyncableModel


class JenisNaskah(models.TextChoices):
    SURAT_DINAS = "surat_dinas", "Surat Dinas"
    NOTA_DINAS = "nota_dinas", "Nota Dinas"
    UNDANGAN = "undangan", "Surat Undangan"
    SURAT_EDARAN = "surat_edaran", "Surat Edaran"
    PENGUMUMAN = "pengumuman", "Pengumuman"
    LAPORAN = "laporan", "Laporan"
    BERITA_ACARA = "berita_acara", "Berita Acara"
    SURAT_KEPUTUSAN = "surat_keputusan", "Surat Keputusan"


class Urgensi(models.TextChoices):
    """Urgency (derajat kecepatan). Sorted inboxes use `URUTAN_URGENSI` (most urgent first)."""

    BIASA = "biasa", "Biasa"
    SEGERA = "segera", "Segera"
    SANGAT_SEGERA = "sangat_segera", "Sangat Segera"


# Sort key: sangat segera first. Stored as `prioritas` (0, 1, 2) beside the text so an inbox
# sorts by an indexed integer.
PRIORITAS = {Urgensi.SANGAT_SEGERA: 0, Urgensi.SEGERA: 1, Urgensi.BIASA: 2}


class Sifat(models.TextChoices):
    """Security classification (klasifikasi keamanan / sifat naskah)."""

    BIASA = "biasa", "Biasa"
    TERBATAS = "terbatas", "Terbatas"
    RAHASIA = "rahasia", "Rahasia"


class TindakanAkhir(models.TextChoices):
    MUSNAH = "musnah", "Musnah"
    PERMANEN = "permanen", "Permanen"
    DINILAI_KEMBALI = "dinilai_kembali", "Dinilai kembali"


class KlasifikasiArsip(SyncableModel):
    """One archive classification code (KKA, Permendagri 83/2022) with its retention (JRA).
    Owned by the kabupaten; codes are dotted: 000 > 000.1 > 000.1.1."""

    kode = models.CharField("kode", max_length=20)
    nama = models.CharField("nama", max_length=255)
    induk = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="anak",
                              verbose_name="induk")
    retensi_aktif = models.PositiveSmallIntegerField("retensi aktif (tahun)", default=2)
    retensi_inaktif = models.PositiveSmallIntegerField("retensi inaktif (tahun)", default=3)
    tindakan_akhir = models.CharField("keterangan akhir", max_length=16, choices=TindakanAkhir.choices,
                                      default=TindakanAkhir.MUSNAH)
    keterangan = models.CharField("keterangan", max_length=255, blank=True)
    aktif = models.BooleanField("aktif", default=True)

    class Meta:
        verbose_name = "klasifikasi arsip"
        verbose_name_plural = "klasifikasi arsip"
        ordering = ["kode"]
        constraints = [models.UniqueConstraint(fields=["owner", "kode"], name="klasifikasi_kode_unik")]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class TemplateNaskah(SyncableModel):
    """A drafting template: a starting subject and body for one kind of naskah. Owned by the
    kabupaten (regency-wide) or by a unit's wilayah with `unit` set (that unit's own)."""

    jenis = models.CharField("jenis naskah", max_length=20, choices=JenisNaskah.choices)
    nama = models.CharField("nama template", max_length=120)
    unit = models.ForeignKey("wilayah.UnitKerja", on_delete=models.CASCADE, null=True, blank=True,
                             related_name="template_naskah", verbose_name="unit kerja")
    klasifikasi = models.ForeignKey(KlasifikasiArsip, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="klasifikasi")
    perihal = models.CharField("perihal", max_length=255, blank=True)
    isi = models.TextField("isi", help_text="Teks naskah; paragraf dipisah baris kosong.")
    aktif = models.BooleanField("aktif", default=True)

    class Meta:
        verbose_name = "template naskah"
        verbose_name_plural = "template naskah"
        ordering = ["jenis", "nama"]

    def __str__(self) -> str:
        return self.nama


class StatusNaskah(models.TextChoices):
    DRAF = "draf", "Draf"
    PARAF = "paraf", "Menunggu paraf"
    DIKEMBALIKAN = "dikembalikan", "Dikembalikan untuk perbaikan"
    SIAP_TTD = "siap_ttd", "Menunggu tanda tangan"
    TERKIRIM = "terkirim", "Ditandatangani & terkirim"
    DIBATALKAN = "dibatalkan", "Dibatalkan"


class Naskah(SyncableModel):
    """An outgoing official document of one unit, from draft to signed and sent."""

    unit = models.ForeignKey("wilayah.UnitKerja", on_delete=models.PROTECT, related_name="naskah_keluar",
                             verbose_name="unit pengirim")
    jenis = models.CharField("jenis naskah", max_length=20, choices=JenisNaskah.choices)
    klasifikasi = models.ForeignKey(KlasifikasiArsip, on_delete=models.PROTECT, related_name="naskah",
                                    verbose_name="klasifikasi arsip")
    sifat = models.CharField("sifat", max_length=10, choices=Sifat.choices, default=Sifat.BIASA)
    urgensi = models.CharField("derajat kecepatan", max_length=16, choices=Urgensi.choices, default=Urgensi.BIASA)
    perihal = models.CharField("perihal", max_length=255)
    isi = models.TextField("isi", blank=True)
    lampiran_keterangan = models.CharField("lampiran", max_length=100, blank=True,
                                           help_text="Yang tertulis pada baris Lampiran, mis. 1 (satu) berkas.")
    status = models.CharField("status", max_length=14, choices=StatusNaskah.choices, default=StatusNaskah.DRAF,
                              db_index=True)
    pembuat = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                verbose_name="pembuat")
    # Who must sign: a position (the holder, Plt/Plh or delegate today signs).
    jabatan_penandatangan = models.ForeignKey("wilayah.Jabatan", on_delete=models.PROTECT, related_name="+",
                                              verbose_name="jabatan penandatangan")
    # Filled at signing.
    penandatangan = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+", verbose_name="ditandatangani oleh")
    data_ttd = models.JSONField("data penandatangan (beku)", default=dict, blank=True)
    seri = models.CharField("seri nomor", max_length=20, blank=True)
    tahun = models.PositiveSmallIntegerField("tahun", null=True, blank=True)
    nomor_urut = models.PositiveIntegerField("nomor urut", null=True, blank=True)
    nomor = models.CharField("nomor", max_length=120, blank=True, db_index=True)
    tanggal = models.DateField("tanggal naskah", null=True, blank=True)
    dikirim = models.DateTimeField("dikirim", null=True, blank=True)
    dokumen = models.OneToOneField("dokumen.DokumenTerbit", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="dokumen terbit")
    berkas = models.FileField("PDF bertanda tangan", upload_to="naskah/%Y/%m/", blank=True)
    # A reply: the incoming letter this answers (the replying unit's own SuratMasuk).
    balasan_untuk = models.ForeignKey("SuratMasuk", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="balasan", verbose_name="balasan atas")
    # Lowercased subject, number, body and attachment text: the archive search reads this.
    teks_cari = models.TextField("teks pencarian", blank=True, editable=False)

    class Meta:
        verbose_name = "naskah dinas"
        verbose_name_plural = "naskah dinas"
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["unit", "status", "-created_at"], name="naskah_unit_status_idx"),
            models.Index(fields=["unit", "-tanggal"], name="naskah_unit_tanggal_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["unit", "seri", "tahun", "nomor_urut"],
                                    condition=models.Q(nomor_urut__isnull=False), name="naskah_nomor_unik"),
        ]

    def __str__(self) -> str:
        return self.nomor or f"Draf: {self.perihal}"

    def get_absolute_url(self) -> str:
        return reverse("persuratan:naskah_detail", args=[self.pk])


class JenisPenerima(models.TextChoices):
    KEPADA = "kepada", "Kepada"
    TEMBUSAN = "tembusan", "Tembusan"


class PenerimaNaskah(SyncableModel):
    """One addressee of a naskah: a unit in the network, or an outside party by name (delivered
    on paper; listed in the Buku Ekspedisi). Written by the sender."""

    naskah = models.ForeignKey(Naskah, on_delete=models.CASCADE, related_name="penerima", verbose_name="naskah")
    jenis = models.CharField("jenis", max_length=10, choices=JenisPenerima.choices, default=JenisPenerima.KEPADA)
    unit = models.ForeignKey("wilayah.UnitKerja", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name="unit penerima")
    nama_luar = models.CharField("penerima di luar jaringan", max_length=200, blank=True)
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "penerima naskah"
        verbose_name_plural = "penerima naskah"
        ordering = ["naskah", "jenis", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["naskah", "unit"], condition=models.Q(unit__isnull=False),
                                    name="penerima_naskah_unik"),
            models.CheckConstraint(condition=models.Q(unit__isnull=False) | ~models.Q(nama_luar=""),
                                   name="penerima_naskah_ada"),
        ]

    def __str__(self) -> str:
        return str(self.unit) if self.unit_id else self.nama_luar


class StatusParaf(models.TextChoices):
    MENUNGGU = "menunggu", "Menunggu"
    SETUJU = "setuju", "Diparaf"
    DIKEMBALIKAN = "dikembalikan", "Dikembalikan"


class ParafNaskah(SyncableModel):
    """One step of the review chain (paraf) before signing, in order. A reviewer is a position;
    whoever holds it (or acts for it) initials. Written by the sender's office."""

    naskah = models.ForeignKey(Naskah, on_delete=models.CASCADE, related_name="paraf", verbose_name="naskah")
    urutan = models.PositiveSmallIntegerField("urutan")
    jabatan = models.ForeignKey("wilayah.Jabatan", on_delete=models.PROTECT, related_name="+",
                                verbose_name="jabatan pemaraf")
    status = models.CharField("status", max_length=14, choices=StatusParaf.choices, default=StatusParaf.MENUNGGU)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name="diparaf oleh")
    catatan = models.CharField("catatan", max_length=1000, blank=True)
    waktu = models.DateTimeField("waktu", null=True, blank=True)

    class Meta:
        verbose_name = "paraf naskah"
        verbose_name_plural = "paraf naskah"
        ordering = ["naskah", "urutan"]
        constraints = [models.UniqueConstraint(fields=["naskah", "urutan"], name="paraf_urutan_unik")]

    def __str__(self) -> str:
        return f"{self.urutan}. {self.jabatan_id} ({self.status})"


class SeriNomor(SyncableModel):
    """A gapless counter of one unit: outgoing numbers (`keluar`) and incoming agenda numbers
    (`masuk`) per year. Bumped with one UPDATE ... +1 inside the transaction that uses it."""

    KELUAR, MASUK = "keluar", "masuk"

    unit = models.ForeignKey("wilayah.UnitKerja", on_delete=models.CASCADE, related_name="+", verbose_name="unit")
    seri = models.CharField("seri", max_length=20)
    tahun = models.PositiveSmallIntegerField("tahun")
    terakhir = models.PositiveIntegerField("nomor terakhir", default=0)

    class Meta:
        verbose_name = "seri nomor naskah"
        verbose_name_plural = "seri nomor naskah"
        constraints = [models.UniqueConstraint(fields=["unit", "seri", "tahun"], name="seri_nomor_unik")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.seri} {self.tahun}: {self.terakhir}"


class StatusMasuk(models.TextChoices):
    BARU = "baru", "Belum dibaca"
    DIBACA = "dibaca", "Dibaca"
    DIDISPOSISI = "didisposisi", "Didisposisikan"
    DITINDAKLANJUTI = "ditindaklanjuti", "Ditindaklanjuti"
    SELESAI = "selesai", "Selesai / diarsipkan"


class SuratMasuk(SyncableModel):
    """A letter in a unit's incoming agenda (Buku Agenda Masuk): delivered electronically from
    a `Naskah` (created at sending, owned by the receiving office) or registered from paper."""

    ELEKTRONIK, FISIK = "elektronik", "fisik"
    SUMBER = [(ELEKTRONIK, "Elektronik (dalam jaringan)"), (FISIK, "Kertas / dari luar jaringan")]

    unit = models.ForeignKey("wilayah.UnitKerja", on_delete=models.PROTECT, related_name="surat_masuk",
                             verbose_name="unit penerima")
    sumber = models.CharField("sumber", max_length=10, choices=SUMBER)
    naskah = models.ForeignKey(Naskah, on_delete=models.PROTECT, null=True, blank=True, related_name="kiriman",
                               verbose_name="naskah")
    jenis_penerima = models.CharField("sebagai", max_length=10, choices=JenisPenerima.choices,
                                      default=JenisPenerima.KEPADA)
    tahun = models.PositiveSmallIntegerField("tahun agenda")
    nomor_agenda = models.PositiveIntegerField("nomor agenda")
    diterima = models.DateTimeField("diterima")
    pengirim = models.CharField("pengirim", max_length=200)
    nomor_surat = models.CharField("nomor surat", max_length=120)
    tanggal_surat = models.DateField("tanggal surat")
    perihal = models.CharField("perihal", max_length=255)
    jenis = models.CharField("jenis naskah", max_length=20, choices=JenisNaskah.choices, blank=True)
    klasifikasi = models.ForeignKey(KlasifikasiArsip, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="klasifikasi arsip")
    sifat = models.CharField("sifat", max_length=10, choices=Sifat.choices, default=Sifat.BIASA)
    urgensi = models.CharField("derajat kecepatan", max_length=16, choices=Urgensi.choices, default=Urgensi.BIASA)
    prioritas = models.PositiveSmallIntegerField("prioritas", default=2, editable=False)
    batas_waktu = models.DateField("batas waktu", null=True, blank=True)
    status = models.CharField("status", max_length=16, choices=StatusMasuk.choices, default=StatusMasuk.BARU)
    dibaca_pada = models.DateTimeField("pertama dibaca", null=True, blank=True)
    dibaca_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="dibaca oleh")
    dicatat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name="dicatat oleh")
    selesai_pada = models.DateTimeField("selesai", null=True, blank=True)
    keterangan = models.TextField("keterangan", blank=True)
    teks_cari = models.TextField("teks pencarian", blank=True, editable=False)

    class Meta:
        verbose_name = "surat masuk"
        verbose_name_plural = "surat masuk"
        ordering = ["-diterima"]
        indexes = [
            # The inbox: open letters of one unit, most urgent and nearest deadline first.
            models.Index(fields=["unit", "status", "prioritas", "batas_waktu", "-diterima"], name="masuk_kotak_idx"),
            models.Index(fields=["unit", "-diterima"], name="masuk_unit_diterima_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["unit", "tahun", "nomor_agenda"], name="masuk_agenda_unik"),
            models.UniqueConstraint(fields=["unit", "naskah"], condition=models.Q(naskah__isnull=False),
                                    name="masuk_naskah_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.nomor_agenda}/{self.tahun} {self.perihal}"

    def get_absolute_url(self) -> str:
        return reverse("persuratan:masuk_detail", args=[self.pk])


class Disposisi(SyncableModel):
    """A disposition of an incoming letter by someone of `unit` (the head, or a recipient of an
    earlier disposition passing it further down: `induk`)."""

    surat_masuk = models.ForeignKey(SuratMasuk, on_delete=models.PROTECT, related_name="disposisi",
                                    verbose_name="surat masuk")
    induk = models.ForeignKey("PenerimaDisposisi", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="turunan", verbose_name="dari disposisi")
    unit = models.ForeignKey("wilayah.UnitKerja", on_delete=models.PROTECT, related_name="+",
                             verbose_name="unit pemberi")
    dari = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                             verbose_name="dari")
    dari_jabatan = models.ForeignKey("wilayah.Jabatan", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name="jabatan pemberi")
    instruksi = models.TextField("instruksi")
    urgensi = models.CharField("derajat kecepatan", max_length=16, choices=Urgensi.choices, default=Urgensi.BIASA)
    batas_waktu = models.DateField("batas waktu", null=True, blank=True)

    class Meta:
        verbose_name = "disposisi"
        verbose_name_plural = "disposisi"
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Disposisi {self.surat_masuk_id}: {self.instruksi[:40]}"


class StatusDisposisi(models.TextChoices):
    BARU = "baru", "Belum dibaca"
    DIBACA = "dibaca", "Dibaca"
    DITERIMA = "diterima", "Diterima"
    DITINDAKLANJUTI = "ditindaklanjuti", "Ditindaklanjuti"
    SELESAI = "selesai", "Selesai"


STATUS_DISPOSISI_TERBUKA = (StatusDisposisi.BARU, StatusDisposisi.DIBACA, StatusDisposisi.DITERIMA,
                            StatusDisposisi.DITINDAKLANJUTI)


class PenerimaDisposisi(SyncableModel):
    """One addressee of a disposition: a position in a unit (its holder, Plt/Plh or delegate
    acts) or the unit as a whole. Created by the disposer, owned by the addressee's office."""

    disposisi = models.ForeignKey(Disposisi, on_delete=models.CASCADE, related_name="penerima",
                                  verbose_name="disposisi")
    unit = models.ForeignKey("wilayah.UnitKerja", on_delete=models.PROTECT, related_name="disposisi_masuk",
                             verbose_name="unit penerima")
    jabatan = models.ForeignKey("wilayah.Jabatan", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name="jabatan penerima")
    # The person who held (or acted for) the position when it was sent; None if vacant.
    pengguna = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name="penerima")
    # Copied from the disposition so the inbox sorts from one table.
    prioritas = models.PositiveSmallIntegerField("prioritas", default=2, editable=False)
    batas_waktu = models.DateField("batas waktu", null=True, blank=True)
    status = models.CharField("status", max_length=16, choices=StatusDisposisi.choices,
                              default=StatusDisposisi.BARU)
    dibaca_pada = models.DateTimeField("dibaca", null=True, blank=True)
    diterima_pada = models.DateTimeField("diterima", null=True, blank=True)
    selesai_pada = models.DateTimeField("selesai", null=True, blank=True)
    selesai_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name="diselesaikan oleh")
    diingatkan_pada = models.DateTimeField("terakhir diingatkan", null=True, blank=True)

    class Meta:
        verbose_name = "penerima disposisi"
        verbose_name_plural = "penerima disposisi"
        ordering = ["prioritas", "batas_waktu"]
        indexes = [
            models.Index(fields=["unit", "status", "prioritas", "batas_waktu"], name="disposisi_kotak_idx"),
            models.Index(fields=["pengguna", "status"], name="disposisi_pengguna_idx"),
            models.Index(fields=["status", "batas_waktu"], name="disposisi_tenggat_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} / {self.jabatan_id or '-'}: {self.status}"

    def get_absolute_url(self) -> str:
        return reverse("persuratan:disposisi_detail", args=[self.pk])


class TindakLanjut(SyncableModel):
    """A follow-up note by an addressee of a disposition (with attachments), or its closing."""

    penerima = models.ForeignKey(PenerimaDisposisi, on_delete=models.CASCADE, related_name="tindak_lanjut",
                                 verbose_name="penerima disposisi")
    pengguna = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                 verbose_name="oleh")
    catatan = models.TextField("catatan")
    menutup = models.BooleanField("menutup disposisi", default=False)

    class Meta:
        verbose_name = "tindak lanjut"
        verbose_name_plural = "tindak lanjut"
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.catatan[:60]


def _berkas_path(instance, filename: str) -> str:
    # A random name without the uploader's name or extension: never guessable, never executed.
    return f"persuratan/{instance.owner_id}/{uuid7().hex}"


class BerkasPersuratan(SyncableModel):
    """An attachment: of a naskah (drafting), of a registered paper letter (the scan), or of a
    follow-up. Type sniffed from its bytes, size-limited, stored under a random name, always
    served as a download. `teks` holds the text of a PDF for the archive search."""

    naskah = models.ForeignKey(Naskah, on_delete=models.CASCADE, null=True, blank=True, related_name="lampiran")
    surat_masuk = models.ForeignKey(SuratMasuk, on_delete=models.CASCADE, null=True, blank=True,
                                    related_name="lampiran")
    tindak_lanjut = models.ForeignKey(TindakLanjut, on_delete=models.CASCADE, null=True, blank=True,
                                      related_name="lampiran")
    berkas = models.FileField("berkas", upload_to=_berkas_path, max_length=200)
    nama_asli = models.CharField("nama berkas", max_length=200)
    jenis_mime = models.CharField("jenis", max_length=100)
    ukuran = models.PositiveIntegerField("ukuran (byte)")
    sha256 = models.CharField("SHA-256", max_length=64)
    teks = models.TextField("teks (untuk pencarian)", blank=True, editable=False)
    pengunggah = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="diunggah oleh")

    class Meta:
        verbose_name = "berkas persuratan"
        verbose_name_plural = "berkas persuratan"
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(naskah__isnull=False, surat_masuk__isnull=True, tindak_lanjut__isnull=True)
                           | models.Q(naskah__isnull=True, surat_masuk__isnull=False, tindak_lanjut__isnull=True)
                           | models.Q(naskah__isnull=True, surat_masuk__isnull=True, tindak_lanjut__isnull=False)),
                name="berkas_satu_induk"),
        ]

    def __str__(self) -> str:
        return self.nama_asli
