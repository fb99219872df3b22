"""Role-aware navigation: a menu item appears only when the user's roles grant its action."""
from django.apps import apps
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from .notifikasi import jumlah_tersimpan
from .scope import has_action, peran_labels

# (header or None, label, url name, icon, model label needing "view", or None for everyone)
MENU = [
    (None, _("Beranda"), "dasbor:beranda", "house-door", None),
    (_("Persuratan dinas"), _("Kotak masuk"), "persuratan:kotak_masuk", "inbox", "persuratan.suratmasuk"),
    (None, _("Disposisi saya"), "persuratan:disposisi_daftar", "diagram-3", "persuratan.penerimadisposisi"),
    (None, _("Naskah keluar"), "persuratan:naskah_daftar", "send", "persuratan.naskah"),
    (None, _("Arsip dinas"), "persuratan:arsip", "archive-fill", "persuratan.naskah"),
    (None, _("Buku agenda dinas"), "persuratan:buku_agenda_masuk", "journal-text", "persuratan.suratmasuk"),
    (None, _("Klasifikasi arsip"), "persuratan:klasifikasi_daftar", "tags", "persuratan.klasifikasiarsip:add"),
    (_("Pimpinan"), _("Dasbor pimpinan"), "dasbor_pimpinan:utama", "speedometer2", "aspirasi.aspirasi"),
    (_("Aspirasi & pengaduan"), _("Aspirasi masuk"), "aspirasi:daftar", "megaphone", "aspirasi.aspirasi"),
    (None, _("Catat aspirasi"), "aspirasi:catat", "pencil", "aspirasi.aspirasi:add"),
    (None, _("Laporan bulanan"), "aspirasi:laporan", "file-earmark-bar-graph", "aspirasi.aspirasi"),
    (None, _("Kategori & waktu layanan"), "aspirasi:kategori_daftar", "sliders", "aspirasi.kategoriaspirasi:add"),
    (None, _("Hari libur"), "aspirasi:libur_daftar", "calendar-x", "wilayah.harilibur:add"),
    (_("Perencanaan"), _("Musrenbang"), "perencanaan:siklus_daftar", "calendar3-range", "perencanaan.usulan"),
    (None, _("Usulan"), "perencanaan:usulan_daftar", "lightbulb", "perencanaan.usulan"),
    (None, _("Musyawarah"), "perencanaan:musyawarah_daftar", "people-fill", "perencanaan.musyawarah"),
    (None, _("RPJM Desa"), "perencanaan:rpjmdes_daftar", "map-fill", "perencanaan.rpjmdes:add"),
    (None, _("RKP Desa"), "perencanaan:rkpdes_daftar", "list-check", "perencanaan.rkpdes:add"),
    (_("Wilayah & organisasi"), _("Wilayah"), "wilayah:daftar", "map", "wilayah.wilayah"),
    (None, _("Unit kerja"), "wilayah:unit_daftar", "building", "wilayah.unitkerja"),
    (None, _("Pejabat"), "wilayah:pejabat_daftar", "person-badge", "wilayah.pejabat"),
    (_("Kependudukan"), _("Penduduk"), "kependudukan:penduduk_daftar", "people", "kependudukan.penduduk"),
    (None, _("Keluarga (KK)"), "kependudukan:keluarga_daftar", "house-heart", "kependudukan.keluarga"),
    (None, _("Peristiwa"), "kependudukan:peristiwa_daftar", "calendar-event", "kependudukan.peristiwa"),
    (None, _("Penduduk sementara"), "kependudukan:sementara_daftar", "person-walking", "kependudukan.penduduksementara"),
    (None, _("Impor & ekspor"), "kependudukan:impor_daftar", "file-earmark-arrow-up", "kependudukan.imporpenduduk"),
    (None, _("Buku administrasi"), "kependudukan:buku_indeks", "book", "kependudukan.penduduk:view_agregat"),
    (None, _("Statistik"), "kependudukan:statistik", "bar-chart-line", "kependudukan.penduduk:view_agregat"),
    (_("Layanan surat"), _("Antrean surat"), "surat:antrian", "envelope-paper", "surat.surat"),
    (None, _("Arsip surat"), "surat:arsip", "archive", "surat.surat"),
    (None, _("Buku agenda & ekspedisi"), "surat:buku_agenda", "journal-bookmark", "surat.surat"),
    (None, _("Surat massal"), "surat:batch_daftar", "stack", "surat.batchsurat"),
    (None, _("Template & nomor surat"), "surat:template_daftar", "file-earmark-text", "surat.templatesurat"),
    (None, _("Permohonan perbaikan data"), "surat:perbaikan_daftar", "pencil-square", "surat.permohonanperbaikan"),
    (None, _("Tanda tangan elektronik"), "tte:saya", "pen", "surat.surat:tandatangani"),
    (None, _("Sertifikat TTE"), "tte:daftar", "patch-check", "akun.keanggotaan:add"),
    (_("Administrasi"), _("Pengguna & peran"), "akun:pengguna_daftar", "person-gear", "akun.keanggotaan:add"),
    (None, _("Jurnal perubahan"), "sinkron:jurnal_daftar", "journal-text", "akun.keanggotaan:add"),
    (None, _("Dokumentasi API"), "api-docs", "braces", "wilayah.wilayah"),
    (None, _("Notifikasi"), "akun:notifikasi", "bell", None),
]


def navigasi(request):
    ctx = {"nama_kabupaten": getattr(settings, "EDESA_NAMA_KABUPATEN", "Kabupaten Seruyan")}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ctx
    items, pending_header = [], None
    path = request.path
    for header, label, name, icon, need in MENU:
        if header:
            pending_header = header
        if need:
            label_model, _, action = need.partition(":")
            try:
                model = apps.get_model(label_model)
            except LookupError:
                continue
            if not has_action(user, model, action or "view"):
                continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        if pending_header:
            items.append({"header": pending_header})
            pending_header = None
        items.append({"label": label, "url": url, "ikon": icon, "aktif": False})
    # Highlight the entry with the longest URL prefix of this page (/wilayah/unit/ is "Unit
    # kerja", not also "Wilayah").
    links = [i for i in items if "url" in i and (path == i["url"] if i["url"] == "/" else path.startswith(i["url"]))]
    if links:
        max(links, key=lambda i: len(i["url"]))["aktif"] = True
    ctx.update(menu=items, peran_saya=peran_labels(user), notifikasi_belum=jumlah_tersimpan(user))
    return ctx
