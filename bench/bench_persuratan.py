"""The e-office at regency scale: 100 village governments, 10 kecamatan, 30 agencies and the
Setda (Kantor Bupati), with 200,000 letters in all (100,000 sent naskah and the 100,000
incoming letters they became, plus dispositions), skewed like a real regency: the Setda
receives about 20,000, an agency about 1,500, a village about 230.

Targets (issue 5): a unit's inbox and the archive search at most 100 ms; sending one letter
to all 100 villages at most 2 s.

Measured: the inbox selector `masuk.kotak_masuk` and the inbox page; the archive search
`arsip.cari` (a word of the subject; a word only in attachment text) and its page, each for a
village and for the Setda; `keluar.kirim` of one naskah to 100 villages in a transaction; and
the whole `keluar.tandatangani` (number, Typst render, PAdES signature, delivery to 100)."""
from __future__ import annotations

import datetime
import os
import random
import tempfile
import warnings

from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone

from apps.akun.models import Keanggotaan, Pengguna
from apps.persuratan.models import (
    PRIORITAS,
    Disposisi,
    KlasifikasiArsip,
    Naskah,
    PenerimaDisposisi,
    PenerimaNaskah,
    SeriNomor,
    SuratMasuk,
)
from apps.sinkron.context import acting_as
from apps.sinkron.ids import uuid7
from apps.wilayah.models import Jabatan, Pejabat, UnitKerja, Wilayah
from bench._util import timed, timed_page

KAB = "62.07"
SANDI = "passphrase-bench-panjang"
ULANG = int(os.environ.get("BENCH_ULANG", "30"))
TOTAL = int(os.environ.get("BENCH_PERSURATAN", "200000"))  # naskah + surat masuk
SEED = 20261128

TOPIK = ["musyawarah perencanaan pembangunan desa musrenbang", "penyaluran dana desa tahap", "pemutakhiran data penduduk",
         "rapat koordinasi kepala desa", "laporan realisasi anggaran", "pembinaan posyandu dan kader kesehatan",
         "penanggulangan kebakaran hutan dan lahan", "pelatihan aparatur pemerintah desa", "sosialisasi peraturan bupati",
         "verifikasi usulan bantuan sosial", "pengadaan barang dan jasa", "pemilihan badan permusyawaratan desa",
         "inventarisasi aset desa", "penyusunan rencana kerja pemerintah desa", "pengawasan pembangunan jalan usaha tani",
         "penetapan batas desa", "peringatan hari jadi kabupaten", "pelaksanaan vaksinasi", "penertiban administrasi",
         "evaluasi kinerja perangkat desa"]
ISI = ["sehubungan", "dengan", "pelaksanaan", "program", "pemerintah", "daerah", "kabupaten", "seruyan", "tahun", "anggaran", "berjalan", "dengan", "ini", "kami", "sampaikan", "bahwa", "kegiatan", "dimaksud", "akan", "dilaksanakan", "sesuai", "jadwal", "terlampir", "mohon", "kehadiran", "saudara", "tepat", "waktu", "atas", "perhatian", "dan", "kerja", "samanya", "diucapkan", "terima", "kasih"]
LAMPIRAN = ["rekapitulasi", "data", "balita", "stunting", "per", "posyandu", "dan", "intervensi", "gizi", "spesifik", "triwulan", "tiga", "tabel", "pagu", "indikatif", "dana", "desa", "dan", "alokasi", "dasar"]
JENIS = ["surat_dinas", "nota_dinas", "undangan", "surat_edaran", "laporan", "pengumuman"]
TERBUKA = ["baru", "dibaca", "didisposisi", "ditindaklanjuti"]


def _wilayah() -> dict[str, list[str]]:
    rows = [Wilayah(kode="62", nama="Kalimantan Tengah", tingkat="provinsi", level=1, owner_id="62"),
            Wilayah(kode=KAB, nama="Kabupaten Seruyan", tingkat="kabupaten", level=2, induk_id="62", owner_id=KAB)]
    kecamatan, desa = [], []
    for k in range(1, 11):
        kec = f"{KAB}.{k:02d}"
        kecamatan.append(kec)
        rows.append(Wilayah(kode=kec, nama=f"Kecamatan {k}", tingkat="kecamatan", level=3, induk_id=KAB, owner_id=KAB))
        for d in range(1, 11):
            kode = f"{kec}.20{d:02d}"
            desa.append(kode)
            rows.append(Wilayah(kode=kode, nama=f"Desa {k}-{d}", tingkat="desa", level=4, induk_id=kec, owner_id=kode))
    for kode in ("62", KAB):  # parents first: the self-owned rows need themselves
        Wilayah.objects.bulk_insert([r for r in rows if r.kode == kode])
    Wilayah.objects.bulk_insert([r for r in rows if r.kode not in ("62", KAB)])
    return {"kecamatan": kecamatan, "desa": desa}


def _units(w) -> dict:
    units, jabatan = [], []

    def unit(kode, nama, jenis, wilayah):
        u = UnitKerja(kode=kode, nama=nama, jenis=jenis, wilayah_id=wilayah, owner_id=wilayah)
        units.append(u)
        jabatan.append(Jabatan(unit=u, nama=f"Kepala {nama}", is_kepala=True, owner_id=wilayah))
        return u

    setda = unit("SETDA", "Sekretariat Daerah Kabupaten Seruyan", "setda", KAB)
    pd = [unit(f"PD-{i:02d}", f"Dinas {i:02d}", "pd", KAB) for i in range(1, 31)]
    kec = [unit(f"KEC-{k}", f"Kecamatan {k[-2:]}", "kecamatan", k) for k in w["kecamatan"]]
    desa = [unit(f"PEMDES-{d}", f"Pemerintah Desa {d}", "pemdes", d) for d in w["desa"]]
    UnitKerja.objects.bulk_insert(units)
    Jabatan.objects.bulk_insert(jabatan)
    kepala = {j.unit_id: j for j in jabatan}
    return {"setda": setda, "pd": pd, "kec": kec, "desa": desa, "semua": units, "kepala": kepala}


def _pengguna(username, peran, unit: UnitKerja, wilayah: str, jabatan: Jabatan | None = None) -> Pengguna:
    u = Pengguna(username=username, nama=username.title(), email=f"{username}@bench.local")
    u.set_unusable_password()  # logged in with force_login: no password hashing for 200 accounts
    u.save()
    Keanggotaan.objects.create(pengguna=u, peran=peran, wilayah_id=wilayah, unit=unit, owner_id=wilayah)
    if jabatan is not None:
        Pejabat.objects.create(nama=u.nama, jabatan=jabatan, pengguna=u, owner_id=jabatan.owner_id)
    return u


def _bobot(u: dict) -> list[tuple[UnitKerja, float]]:
    """How much mail each unit receives: the Setda a tenth of everything, agencies and kecamatan
    a fair share, villages the rest (with some busier than others)."""
    rng = random.Random(SEED)
    out = [(u["setda"], 20.0)]
    out += [(p, rng.uniform(1.0, 2.0)) for p in u["pd"]]
    out += [(k, rng.uniform(1.0, 2.0)) for k in u["kec"]]
    out += [(d, rng.uniform(0.15, 0.35)) for d in u["desa"]]
    return out


def _teks(rng, nomor: str, perihal: str, pengirim: str, lampiran: bool) -> str:
    isi = " ".join(rng.sample(ISI, 18))
    extra = " lampiran.pdf " + " ".join(LAMPIRAN) if lampiran else ""
    return f"{nomor} {perihal} {pengirim} {isi}{extra}".lower()


def _surat(u: dict, klas: list[KlasifikasiArsip], pembuat: Pengguna) -> None:
    """TOTAL/2 sent naskah, each delivered to one unit (its SuratMasuk), 5% still open in the
    inbox, 5% disposed to the receiving unit's head; 1 in 200 carries the attachment words."""
    rng = random.Random(SEED)
    bobot = _bobot(u)
    penerima_units = [b[0] for b in bobot]
    cum = [b[1] for b in bobot]
    pengirim_units = u["semua"]
    n_letters = TOTAL // 2
    seq_keluar: dict = {}
    seq_masuk: dict = {}
    awal = timezone.now() - datetime.timedelta(days=720)
    naskah, masuk, dispo, pd = [], [], [], []

    def flush():
        Naskah.objects.bulk_insert(naskah)
        SuratMasuk.objects.bulk_insert(masuk)
        Disposisi.objects.bulk_insert(dispo)
        PenerimaDisposisi.objects.bulk_insert(pd)
        for lst in (naskah, masuk, dispo, pd):
            lst.clear()

    for i in range(n_letters):
        ke = rng.choices(penerima_units, weights=cum)[0]
        dari = rng.choice(pengirim_units)
        if dari.pk == ke.pk:
            dari = u["setda"] if ke.pk != u["setda"].pk else u["pd"][0]
        waktu = awal + datetime.timedelta(seconds=i * (720 * 86400 // n_letters))
        tahun = timezone.localdate(waktu).year
        k = rng.choice(klas)
        seq_keluar[(dari.pk, tahun)] = urut = seq_keluar.get((dari.pk, tahun), 0) + 1
        nomor = f"{k.kode}/{urut:03d}/{dari.kode}/{tahun}"
        perihal = f"{rng.choice(TOPIK).capitalize()} {ke.nama}"
        urgensi = rng.choices(["biasa", "segera", "sangat_segera"], weights=[80, 15, 5])[0]
        lampiran = rng.random() < 0.005
        teks = _teks(rng, nomor, perihal, dari.nama, lampiran)
        jenis = rng.choice(JENIS)
        n = Naskah(id=uuid7(), unit=dari, jenis=jenis, klasifikasi=k, perihal=perihal, isi="", status="terkirim",
                   pembuat=pembuat, jabatan_penandatangan=u["kepala"][dari.pk], seri="keluar", tahun=tahun,
                   nomor_urut=urut, nomor=nomor, tanggal=waktu.date(), dikirim=waktu, urgensi=urgensi, teks_cari=teks,
                   owner_id=dari.wilayah_id)
        naskah.append(n)
        seq_masuk[(ke.pk, tahun)] = agenda = seq_masuk.get((ke.pk, tahun), 0) + 1
        buka = rng.random() < 0.05
        batas = (waktu + datetime.timedelta(days=rng.randint(3, 30))).date() if urgensi != "biasa" else None
        s = SuratMasuk(id=uuid7(), unit=ke, sumber="elektronik", naskah=n, tahun=tahun, nomor_agenda=agenda,
                       diterima=waktu, pengirim=dari.nama, nomor_surat=nomor, tanggal_surat=waktu.date(),
                       perihal=perihal, jenis=jenis, klasifikasi=k, urgensi=urgensi, prioritas=PRIORITAS[urgensi],
                       batas_waktu=batas, status=rng.choice(TERBUKA) if buka else "selesai",
                       teks_cari=teks, owner_id=ke.wilayah_id)
        masuk.append(s)
        if rng.random() < 0.05:
            d = Disposisi(id=uuid7(), surat_masuk=s, unit=ke, dari=pembuat, dari_jabatan=u["kepala"][ke.pk],
                          instruksi="Untuk ditindaklanjuti", urgensi=urgensi, batas_waktu=batas, owner_id=ke.wilayah_id)
            dispo.append(d)
            pd.append(PenerimaDisposisi(id=uuid7(), disposisi=d, unit=ke, jabatan=u["kepala"][ke.pk],
                                        prioritas=PRIORITAS[urgensi], batas_waktu=batas,
                                        status="selesai" if not buka else rng.choice(["baru", "dibaca", "diterima"]),
                                        owner_id=ke.wilayah_id))
        if len(naskah) >= 5000:
            flush()
    flush()
    # The units' counters continue where the loaded letters stop (as if numbered one by one).
    wilayah = {x.pk: x.wilayah_id for x in u["semua"]}
    SeriNomor.objects.bulk_insert(
        [SeriNomor(unit_id=k, seri=SeriNomor.KELUAR, tahun=t, terakhir=v, owner_id=wilayah[k]) for (k, t), v in seq_keluar.items()]
        + [SeriNomor(unit_id=k, seri=SeriNomor.MASUK, tahun=t, terakhir=v, owner_id=wilayah[k])
           for (k, t), v in seq_masuk.items()])


def _naskah_untuk_desa(u: dict, pembuat: Pengguna, klas: KlasifikasiArsip, status: str) -> Naskah:
    """A surat edaran of the Setda to all 100 villages, ready to sign (or to deliver)."""
    setda = u["setda"]
    with acting_as("sistem:bench"):
        n = Naskah.objects.create(unit=setda, jenis="surat_edaran", klasifikasi=klas, status=status, pembuat=pembuat,
                                  perihal="Pelaksanaan musrenbang desa tahun 2027", isi=" ".join(ISI) * 3,
                                  jabatan_penandatangan=u["kepala"][setda.pk], owner_id=setda.wilayah_id)
        rows = [PenerimaNaskah(naskah=n, unit=d, jenis="kepada", urutan=i, owner_id=setda.wilayah_id)
                for i, d in enumerate(u["desa"], start=1)]
        PenerimaNaskah.objects.bulk_insert(rows)
    if status == "terkirim":
        Naskah.objects.filter(pk=n.pk).update(nomor=f"400/{n.pk.hex[:6]}/SETDA/2026", tanggal=timezone.localdate(),
                                              dikirim=timezone.now())
        n.refresh_from_db()
    return n


def run(report) -> None:
    from apps.dokumen import ca, tte
    from apps.persuratan import arsip, keluar, masuk

    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    caches = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "bench-persuratan"}}
    with tempfile.TemporaryDirectory() as media, acting_as("sistem:bench"), warnings.catch_warnings(), \
            override_settings(MEDIA_ROOT=media, ALLOWED_HOSTS=["testserver"], STORAGES=storages, CACHES=caches):
        warnings.filterwarnings("ignore", message="No directory at")  # WhiteNoise: no collectstatic here
        w = _wilayah()
        u = _units(w)
        klas = [KlasifikasiArsip(kode=kode, nama=nama, owner_id=KAB) for kode, nama in
                (("000", "Umum"), ("005", "Undangan"), ("100", "Pemerintahan"), ("400", "Kesejahteraan Rakyat"),
                 ("900", "Keuangan"), ("140", "Pemerintahan Desa"))]
        KlasifikasiArsip.objects.bulk_insert(klas)
        setda = u["setda"]
        bupati = _pengguna("bupati-bench", "bupati", setda, KAB, u["kepala"][setda.pk])
        desa_unit = u["desa"][37]
        operator = _pengguna("operator-bench", "operator_desa", desa_unit, desa_unit.wilayah_id)
        for d in u["desa"]:  # each village has two members to notify
            for i in (1, 2):
                kode = f"{d.wilayah_id}-{i}"
                _pengguna(f"staf-{kode}", "operator_desa" if i == 1 else "sekdes", d, d.wilayah_id)
        _surat(u, klas, bupati)

        jumlah = {"setda": SuratMasuk.objects.filter(unit=setda).count(),
                  "desa": SuratMasuk.objects.filter(unit=desa_unit).count()}
        catatan = (f"{Naskah.objects.count():,} naskah + {SuratMasuk.objects.count():,} surat masuk; "
                   f"Setda {jumlah['setda']:,} masuk, desa {jumlah['desa']:,} masuk")
        print(f"  data: {catatan}", flush=True)

        def klien(user):
            c = Client()
            c.force_login(user)
            return c

        for label, user, unit in (("desa", operator, desa_unit), ("Setda (terbesar)", bupati, setda)):
            c = klien(user)
            masuk.kotak_masuk(user, unit)  # warm-up
            report(f"kotak masuk {label}: masuk.kotak_masuk", timed(lambda user=user, unit=unit: masuk.kotak_masuk(user, unit), ULANG),
                   target_s=0.100, note=catatan)
            c.get(f"/persuratan/?unit={unit.pk}")
            report(f"kotak masuk {label}: halaman /persuratan/", timed_page(c, f"/persuratan/?unit={unit.pk}", ULANG),
                   target_s=0.100)
            for kata, jenis in (("musrenbang", "kata di perihal"), ("stunting", "kata hanya di teks lampiran")):
                arsip.cari(user, unit, q=kata)
                hasil = arsip.cari(user, unit, q=kata)
                report(f"arsip {label}: arsip.cari q={kata} ({jenis})",
                       timed(lambda kata=kata, user=user, unit=unit: arsip.cari(user, unit, q=kata), ULANG),
                       target_s=0.100, note=f"{len(hasil.baris)} baris di halaman 1")
                url = f"/persuratan/arsip/?unit={unit.pk}&q={kata}"
                c.get(url)
                report(f"arsip {label}: halaman arsip q={kata}", timed_page(c, url, ULANG), target_s=0.100)

        # Sending to all 100 villages: delivery alone, then the whole signing.
        antre: list[Naskah] = []

        def kirim():
            n = antre.pop()
            with transaction.atomic():
                keluar.kirim(n)

        kirim_ulang = max(5, ULANG // 3)
        report("kirim ke 100 desa: keluar.kirim (100 surat masuk + nomor agenda + notifikasi 200 anggota)",
               timed(kirim, kirim_ulang, before=lambda: antre.append(_naskah_untuk_desa(u, bupati, klas[3], "terkirim"))),
               target_s=2.0)
        ca.terbitkan_sertifikat(pengguna=bupati, passphrase=SANDI)
        kunci = tte.buka_kunci(bupati, SANDI)
        keluar.tandatangani(_naskah_untuk_desa(u, bupati, klas[3], "siap_ttd"), pengguna=bupati, kunci=kunci)  # warm-up

        def tandatangani():
            keluar.tandatangani(antre.pop(), pengguna=bupati, kunci=kunci)

        report("kirim ke 100 desa: keluar.tandatangani (nomor + render Typst + PAdES + kirim)",
               timed(tandatangani, kirim_ulang,
                     before=lambda: antre.append(_naskah_untuk_desa(u, bupati, klas[3], "siap_ttd"))),
               target_s=2.0)
        assert SuratMasuk.objects.filter(unit=desa_unit, naskah__unit=setda, naskah__perihal__startswith="Pelaksanaan "
                                         "musrenbang desa").count() == 2 * kirim_ulang + 1
