"""Citizens' aspirations and complaints, LAPOR!-style (decision 0014).

Who writes what (DESIGN.md invariant 3):
- the kabupaten writes the reference data: categories with their routing (`KategoriAspirasi`)
  and the service levels (`AturanSla`); the holiday calendar is `wilayah.HariLibur`;
- the office where an aspiration lands (the village of its location, else the kabupaten)
  writes the `Aspirasi` itself: the reporter's words, identity, photos, moderation of it;
- every unit that handles it writes ITS OWN `Penanganan`: routing creates one for the receiving
  unit (in the router's transaction, as delivery does in the e-office) and from then on only
  that unit writes it. At most one `Penanganan` per aspiration is current (`aktif`);
- every action (verification, routing, answer, escalation, rating, reopening, moderation) is
  a `TindakanAspirasi` owned by the acting office: the aspiration's public history.

States are data (`status.py`): each has a type, open or closed, and the dashboards count by type.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from apps.sinkron.models import SyncableModel


class Klasifikasi(models.TextChoices):
    ASPIRASI = "aspirasi", "Aspirasi"
    PENGADUAN = "pengaduan", "Pengaduan"
    INFORMASI = "informasi", "Permintaan informasi"


class TingkatPenanganan(models.TextChoices):
    DESA = "desa", "Desa/Kelurahan"
    KECAMATAN = "kecamatan", "Kecamatan"
    KABUPATEN = "kabupaten", "Perangkat Daerah"


class AturanSla(SyncableModel):
    """A service level in working days (kabupaten-owned, configurable)."""

    TANGGAPAN_PERTAMA, INFORMASI, PENGADUAN, SENGKETA, CEK_LAPANGAN = (
        "tanggapan_pertama", "informasi", "pengaduan", "sengketa", "cek_lapangan")
    KODE = [
        (TANGGAPAN_PERTAMA, "Tanggapan pertama / verifikasi"),
        (INFORMASI, "Permintaan informasi"),
        (PENGADUAN, "Aspirasi dan pengaduan"),
        (SENGKETA, "Sengketa tanpa cek lapangan"),
        (CEK_LAPANGAN, "Perlu cek lapangan"),
    ]
    BAWAAN = {TANGGAPAN_PERTAMA: 3, INFORMASI: 5, PENGADUAN: 5, SENGKETA: 14, CEK_LAPANGAN: 60}

    kode = models.CharField("kode", max_length=20, choices=KODE)
    hari_kerja = models.PositiveSmallIntegerField("batas (hari kerja)")
    dasar = models.CharField("dasar ketentuan", max_length=200, blank=True,
                             help_text="Mis. Perpres 76/2013; Permenpan RB 62/2018.")

    class Meta:
        verbose_name = "aturan waktu layanan"
        verbose_name_plural = "aturan waktu layanan"
        ordering = ["owner", "kode"]
        constraints = [models.UniqueConstraint(fields=["owner", "kode"], name="sla_kode_unik")]

    def __str__(self) -> str:
        return f"{self.get_kode_display()}: {self.hari_kerja} hari kerja"


class KategoriAspirasi(SyncableModel):
    """A category and where it goes (the routing table): village matters stay in the village,
    kecamatan matters go to the kecamatan, regency matters to `unit_tujuan` (an agency)."""

    kode = models.SlugField("kode", max_length=40)
    nama = models.CharField("nama", max_length=120)
    keterangan = models.CharField("contoh", max_length=255, blank=True)
    tingkat = models.CharField("ditangani oleh", max_length=10, choices=TingkatPenanganan.choices)
    unit_tujuan = models.ForeignKey("wilayah.UnitKerja", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="perangkat daerah tujuan")
    sla = models.CharField("waktu layanan", max_length=20, choices=AturanSla.KODE, default=AturanSla.PENGADUAN)
    aktif = models.BooleanField("aktif", default=True)
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "kategori aspirasi"
        verbose_name_plural = "kategori aspirasi"
        ordering = ["urutan", "nama"]
        constraints = [models.UniqueConstraint(fields=["owner", "kode"], name="kategori_aspirasi_unik")]

    def __str__(self) -> str:
        return self.nama


class Kanal(models.TextChoices):
    DARING = "daring", "Daring (situs/ponsel)"
    LOKET = "loket", "Datang langsung"
    KOTAK = "kotak", "Kotak pengaduan"
    TELEPON = "telepon", "Telepon/SMS/WA"


class Aspirasi(SyncableModel):
    """One aspiration, complaint or information request as the reporter gave it.

    `anonim`: the reporter's identity is hidden from everyone handling it (stored for the
    reporter's own tracking only, never rendered to staff or exported). `rahasia`: never shown
    on public pages. `status`, `unit_saat_ini` and the deadlines are the current handling's,
    copied here by the services in the same transaction (a projection for lists and dashboards;
    the `Penanganan` rows are the records)."""

    kode_lacak = models.CharField("kode lacak", max_length=16, unique=True)
    klasifikasi = models.CharField("klasifikasi", max_length=10, choices=Klasifikasi.choices)
    kategori = models.ForeignKey(KategoriAspirasi, on_delete=models.PROTECT, related_name="aspirasi",
                                 verbose_name="kategori")
    judul = models.CharField("judul", max_length=150)
    isi = models.TextField("isi laporan")
    # Where it happened: a desa/kelurahan (or the kecamatan/kabupaten), and a map pin.
    lokasi = models.ForeignKey("wilayah.Wilayah", to_field="kode", on_delete=models.PROTECT, related_name="+",
                               verbose_name="lokasi")
    lat = models.DecimalField("lintang", max_digits=9, decimal_places=6, null=True, blank=True)
    lng = models.DecimalField("bujur", max_digits=9, decimal_places=6, null=True, blank=True)
    # Denormalised for dashboards: the kecamatan and kabupaten codes of `lokasi`.
    kecamatan_kode = models.CharField("kode kecamatan", max_length=20, blank=True, db_index=True)
    anonim = models.BooleanField("anonim", default=False)
    rahasia = models.BooleanField("rahasia (tidak dipublikasikan)", default=False)
    kanal = models.CharField("kanal", max_length=8, choices=Kanal.choices, default=Kanal.DARING)
    pelapor_akun = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name="akun pelapor")
    pelapor_nama = models.CharField("nama pelapor", max_length=150, blank=True)
    pelapor_kontak = models.CharField("kontak pelapor", max_length=150, blank=True,
                                      help_text="Nomor HP atau email untuk kabar tindak lanjut.")
    dicatat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name="dicatat oleh petugas")
    # Projection of the current handling (see class docstring).
    status = models.CharField("status", max_length=20, default="diterima", db_index=True)
    terbuka = models.BooleanField("masih terbuka", default=True)
    unit_saat_ini = models.ForeignKey("wilayah.UnitKerja", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+", verbose_name="unit penanganan")
    tenggat = models.DateField("tenggat", null=True, blank=True)
    ditanggapi_pada = models.DateTimeField("tanggapan pertama", null=True, blank=True)
    selesai_pada = models.DateTimeField("selesai", null=True, blank=True)
    # Moderation (the landing office writes these).
    disembunyikan = models.BooleanField("disembunyikan moderator", default=False)
    alasan_sembunyi = models.CharField("alasan disembunyikan", max_length=255, blank=True)
    duplikat_dari = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="duplikat", verbose_name="duplikat dari")
    # The reporter's rating of the answer (1-5) and comment.
    nilai = models.PositiveSmallIntegerField("penilaian pelapor", null=True, blank=True)
    komentar_nilai = models.CharField("komentar penilaian", max_length=300, blank=True)

    # The reporter's identity is masked in the journal history (staff never see it).
    sensitive_fields = ("pelapor_nama", "pelapor_kontak", "pelapor_akun", "pelapor_akun_id")

    class Meta:
        verbose_name = "aspirasi"
        verbose_name_plural = "aspirasi"
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["owner", "-created_at"], name="aspirasi_owner_baru_idx"),
            models.Index(fields=["terbuka", "tenggat"], name="aspirasi_terbuka_tenggat_idx"),
            models.Index(fields=["unit_saat_ini", "terbuka"], name="aspirasi_unit_terbuka_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kode_lacak} {self.judul}"

    def get_absolute_url(self) -> str:
        return reverse("aspirasi:detail", args=[self.pk])


class FotoAspirasi(SyncableModel):
    aspirasi = models.ForeignKey(Aspirasi, on_delete=models.CASCADE, related_name="foto", verbose_name="aspirasi")
    berkas = models.FileField("berkas", upload_to="aspirasi/%Y/%m/", max_length=255)
    jenis_mime = models.CharField("jenis berkas", max_length=40)

    scope_field = "aspirasi__owner_id"

    class Meta:
        verbose_name = "foto aspirasi"
        verbose_name_plural = "foto aspirasi"
        ordering = ["aspirasi", "created_at"]


class Penanganan(SyncableModel):
    """One unit's handling of one aspiration, owned by that unit's office (its wilayah)."""

    aspirasi = models.ForeignKey(Aspirasi, on_delete=models.CASCADE, related_name="penanganan", verbose_name="aspirasi")
    unit = models.ForeignKey("wilayah.UnitKerja", on_delete=models.PROTECT, related_name="penanganan_aspirasi",
                             verbose_name="unit")
    status = models.CharField("status", max_length=20, default="diterima")
    aktif = models.BooleanField("sedang menangani", default=True)
    diterima_pada = models.DateTimeField("diterima")
    tenggat_tanggapan = models.DateField("tenggat tanggapan pertama")
    tenggat_selesai = models.DateField("tenggat penyelesaian")
    ditanggapi_pada = models.DateTimeField("ditanggapi", null=True, blank=True)
    selesai_pada = models.DateTimeField("selesai", null=True, blank=True)
    # 0 none; 1 reminded the unit's head; 2 escalated to the Bupati's office.
    eskalasi = models.PositiveSmallIntegerField("tingkat eskalasi", default=0)

    scope_field = "aspirasi__owner_id"

    class Meta:
        verbose_name = "penanganan aspirasi"
        verbose_name_plural = "penanganan aspirasi"
        ordering = ["aspirasi", "diterima_pada"]
        indexes = [models.Index(fields=["unit", "aktif", "tenggat_selesai"], name="penanganan_unit_idx")]


class JenisTindakan(models.TextChoices):
    DITERIMA = "diterima", "Diterima"
    VERIFIKASI = "verifikasi", "Diverifikasi"
    TOLAK = "tolak", "Ditolak"
    BUKAN_KEWENANGAN = "bukan_kewenangan", "Bukan kewenangan"
    TUNDA = "tunda", "Ditunda (menunggu kelengkapan)"
    TERUSKAN = "teruskan", "Diteruskan ke unit"
    TANGGAPAN = "tanggapan", "Tanggapan"
    TINDAK_LANJUT = "tindak_lanjut", "Tindak lanjut"
    SELESAI = "selesai", "Selesai"
    ESKALASI = "eskalasi", "Eskalasi keterlambatan"
    NILAI = "nilai", "Dinilai pelapor"
    BUKA_KEMBALI = "buka_kembali", "Dibuka kembali oleh pelapor"
    SEMBUNYIKAN = "sembunyikan", "Disembunyikan moderator"
    GABUNG = "gabung", "Digabung sebagai duplikat"
    CATATAN = "catatan", "Catatan internal"


class TindakanAspirasi(SyncableModel):
    """One action on an aspiration, owned by the acting office. `publik`: shown to the reporter
    and (unless the aspiration is confidential) on the public portal."""

    aspirasi = models.ForeignKey(Aspirasi, on_delete=models.CASCADE, related_name="tindakan", verbose_name="aspirasi")
    jenis = models.CharField("jenis", max_length=20, choices=JenisTindakan.choices)
    unit = models.ForeignKey("wilayah.UnitKerja", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name="unit")
    ke_unit = models.ForeignKey("wilayah.UnitKerja", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name="diteruskan ke")
    pengguna = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name="petugas")
    isi = models.TextField("isi", blank=True)
    publik = models.BooleanField("terlihat pelapor & publik", default=True)
    waktu = models.DateTimeField("waktu")

    scope_field = "aspirasi__owner_id"

    class Meta:
        verbose_name = "tindakan aspirasi"
        verbose_name_plural = "tindakan aspirasi"
        ordering = ["aspirasi", "waktu"]
