"""The region tree (provinsi > kabupaten > kecamatan > desa/kelurahan > dusun > RW > RT) with
official Kemendagri codes, and the units of government (unit kerja) that act in it."""
from __future__ import annotations

from django.db import models
from django.urls import reverse

from apps.sinkron.models import SyncableModel


class Tingkat(models.TextChoices):
    PROVINSI = "provinsi", "Provinsi"
    KABUPATEN = "kabupaten", "Kabupaten"
    KOTA = "kota", "Kota"
    KECAMATAN = "kecamatan", "Kecamatan"
    DESA = "desa", "Desa"
    DESA_ADAT = "desa_adat", "Desa Adat"
    KELURAHAN = "kelurahan", "Kelurahan"
    DUSUN = "dusun", "Dusun"
    RW = "rw", "RW"
    RT = "rt", "RT"


# Depth in the tree; desa, desa adat and kelurahan sit at the same depth.
LEVEL = {
    Tingkat.PROVINSI: 1, Tingkat.KABUPATEN: 2, Tingkat.KOTA: 2, Tingkat.KECAMATAN: 3,
    Tingkat.DESA: 4, Tingkat.DESA_ADAT: 4, Tingkat.KELURAHAN: 4,
    Tingkat.DUSUN: 5, Tingkat.RW: 6, Tingkat.RT: 7,
}
LEVEL_DESA = 4
OFFICIAL = {t for t, lvl in LEVEL.items() if lvl <= LEVEL_DESA}
LOCAL = {Tingkat.DUSUN, Tingkat.RW, Tingkat.RT}


def subtree_q(field: str, kode: str) -> models.Q:
    """Everything at or below `kode`: "62.07.01" matches itself and "62.07.01.*". One range on
    the code, so SQLite and PostgreSQL answer it from the plain index: codes hold only digits
    and dots, and '/' sorts right after '.', so [kode, kode + "/") is exactly the subtree
    ("62.070" sorts after "62.07/")."""
    return models.Q(**{f"{field}__gte": kode, f"{field}__lt": kode + "/"})


class Wilayah(SyncableModel):
    kode = models.CharField("kode", max_length=40, unique=True)
    nama = models.CharField("nama", max_length=120)
    tingkat = models.CharField("tingkat", max_length=12, choices=Tingkat.choices)
    level = models.PositiveSmallIntegerField("kedalaman", db_index=True)
    induk = models.ForeignKey(
        "self", to_field="kode", on_delete=models.PROTECT, null=True, blank=True,
        related_name="anak", verbose_name="induk",
    )
    kodepos = models.CharField("kode pos", max_length=5, blank=True)
    lat = models.FloatField("lintang", null=True, blank=True)
    lng = models.FloatField("bujur", null=True, blank=True)
    luas_km2 = models.FloatField("luas (km², perkiraan)", null=True, blank=True)
    batas = models.JSONField("batas wilayah (GeoJSON)", null=True, blank=True)

    scope_field = "kode"

    class Meta:
        verbose_name = "wilayah"
        verbose_name_plural = "wilayah"
        ordering = ["kode"]

    def __str__(self) -> str:
        label = self.get_tingkat_display()
        # "Desa Pematang Limau", but "RT 003" rather than "RT RT 003".
        if self.level >= LEVEL_DESA and not self.nama.lower().startswith(label.lower()):
            return f"{label} {self.nama}"
        return self.nama

    def get_absolute_url(self) -> str:
        return reverse("wilayah:detail", args=[self.pk])

    @property
    def is_desa(self) -> bool:
        return self.level == LEVEL_DESA

    @property
    def is_local(self) -> bool:
        return self.tingkat in LOCAL

    def ancestor_codes(self) -> list[str]:
        parts = self.kode.split(".")
        return [".".join(parts[:i]) for i in range(1, len(parts))]


class JenisUnit(models.TextChoices):
    PEMDES = "pemdes", "Pemerintah Desa"
    KELURAHAN = "kelurahan", "Kelurahan"
    KECAMATAN = "kecamatan", "Kecamatan"
    PERANGKAT_DAERAH = "pd", "Perangkat Daerah"
    SETDA = "setda", "Sekretariat Daerah / Kantor Bupati"
    BPD = "bpd", "Badan Permusyawaratan Desa"


class UnitKerja(SyncableModel):
    """An office that acts: a village government, a kecamatan, an agency, the Bupati's office.
    Its owner is the wilayah it serves (a desa for a village office, the kabupaten for an agency)."""

    kode = models.CharField("kode unit", max_length=40, unique=True)
    nama = models.CharField("nama", max_length=160)
    singkatan = models.CharField("singkatan", max_length=40, blank=True)
    jenis = models.CharField("jenis", max_length=12, choices=JenisUnit.choices)
    wilayah = models.ForeignKey(
        Wilayah, to_field="kode", on_delete=models.PROTECT, related_name="unit_kerja", verbose_name="wilayah"
    )
    induk = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="bawahan", verbose_name="unit induk"
    )
    alamat = models.CharField("alamat", max_length=255, blank=True)
    telepon = models.CharField("telepon", max_length=30, blank=True)
    email = models.EmailField("email", blank=True)
    aktif = models.BooleanField("aktif", default=True)

    class Meta:
        verbose_name = "unit kerja"
        verbose_name_plural = "unit kerja"
        ordering = ["jenis", "kode"]

    def __str__(self) -> str:
        return self.nama

    def get_absolute_url(self) -> str:
        return reverse("wilayah:unit_detail", args=[self.pk])


class Jabatan(SyncableModel):
    """A position in a unit (Kepala Desa, Sekretaris Desa, Camat, Kepala Bappeda ...)."""

    unit = models.ForeignKey(UnitKerja, on_delete=models.CASCADE, related_name="jabatan", verbose_name="unit kerja")
    nama = models.CharField("nama jabatan", max_length=120)
    atasan = models.ForeignKey(
        "self", on_delete=models.RESTRICT, null=True, blank=True, related_name="bawahan", verbose_name="atasan"
    )
    is_kepala = models.BooleanField("kepala unit", default=False)
    asn = models.BooleanField(
        "dijabat ASN", default=False, help_text="Pemegang jabatan ini Aparatur Sipil Negara: NIP wajib diisi."
    )
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "jabatan"
        verbose_name_plural = "jabatan"
        ordering = ["unit", "urutan", "nama"]
        constraints = [models.UniqueConstraint(fields=["unit", "nama"], name="jabatan_unik_per_unit")]

    def __str__(self) -> str:
        return f"{self.nama} ({self.unit.nama})"

    def get_absolute_url(self) -> str:
        # A position has no page of its own: it is shown on its unit's page.
        return reverse("wilayah:unit_detail", args=[self.unit_id])


class StatusPejabat(models.TextChoices):
    DEFINITIF = "definitif", "Definitif"
    PLT = "plt", "Pelaksana Tugas (Plt)"
    PLH = "plh", "Pelaksana Harian (Plh)"


class Pejabat(SyncableModel):
    """A person holding a position for a period; acting officials (Plt/Plh) have end dates."""

    nama = models.CharField("nama", max_length=120)
    nip = models.CharField("NIP", max_length=18, blank=True, help_text="18 digit; kosong untuk perangkat desa non-ASN.")
    jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, related_name="pejabat", verbose_name="jabatan")
    status = models.CharField("status", max_length=10, choices=StatusPejabat.choices, default=StatusPejabat.DEFINITIF)
    mulai = models.DateField("mulai menjabat", null=True, blank=True)
    selesai = models.DateField("selesai", null=True, blank=True)
    pengguna = models.ForeignKey(
        "akun.Pengguna", on_delete=models.RESTRICT, null=True, blank=True, related_name="pejabat", verbose_name="akun"
    )

    class Meta:
        verbose_name = "pejabat"
        verbose_name_plural = "pejabat"
        ordering = ["jabatan__unit", "jabatan__urutan", "nama"]

    def __str__(self) -> str:
        return f"{self.nama} — {self.jabatan.nama}"

    def get_absolute_url(self) -> str:
        return reverse("wilayah:pejabat_detail", args=[self.pk])

    @property
    def nip_tampil(self) -> str:
        """The NIP as printed on letters and name plates: 19800315 200501 1 002."""
        n = self.nip
        return f"{n[:8]} {n[8:14]} {n[14]} {n[15:]}" if len(n) == 18 else n


class Delegasi(SyncableModel):
    """While an official is away (leave, duty travel), someone else acts for the position: the
    dispositions and review steps addressed to it reach the delegate, who may act on them.
    Owned by the office of the position's unit."""

    jabatan = models.ForeignKey(Jabatan, on_delete=models.CASCADE, related_name="delegasi", verbose_name="jabatan")
    kepada = models.ForeignKey("akun.Pengguna", on_delete=models.PROTECT, related_name="delegasi_diterima",
                               verbose_name="didelegasikan kepada")
    mulai = models.DateField("mulai")
    selesai = models.DateField("selesai")
    alasan = models.CharField("alasan", max_length=200, help_text="Mis. cuti tahunan, perjalanan dinas ke Palangka Raya.")
    dibuat_oleh = models.ForeignKey("akun.Pengguna", on_delete=models.PROTECT, related_name="+",
                                    verbose_name="dibuat oleh")
    dicabut = models.DateTimeField("dicabut", null=True, blank=True)

    class Meta:
        verbose_name = "delegasi"
        verbose_name_plural = "delegasi"
        ordering = ["-mulai"]
        indexes = [models.Index(fields=["kepada", "mulai", "selesai"], name="delegasi_kepada_idx")]
        constraints = [models.CheckConstraint(condition=models.Q(selesai__gte=models.F("mulai")),
                                              name="delegasi_tanggal_urut")]

    def __str__(self) -> str:
        return f"{self.jabatan.nama} → {self.kepada} ({self.mulai:%d-%m-%Y} s.d. {self.selesai:%d-%m-%Y})"

    def get_absolute_url(self) -> str:
        return reverse("wilayah:unit_detail", args=[self.jabatan.unit_id])


class HariLibur(SyncableModel):
    """A public holiday or collective leave day (cuti bersama) of a kabupaten: working-day
    deadlines (aspiration service levels, dispositions) skip it. See `kalender.py`."""

    tanggal = models.DateField("tanggal")
    nama = models.CharField("keterangan", max_length=120)

    class Meta:
        verbose_name = "hari libur"
        verbose_name_plural = "hari libur"
        ordering = ["tanggal"]
        constraints = [models.UniqueConstraint(fields=["owner", "tanggal"], name="hari_libur_unik")]

    def __str__(self) -> str:
        return f"{self.tanggal:%d-%m-%Y} {self.nama}"
