"""Export of a village's registry in OpenSID's import format (sheet "Data Penduduk", the same
43 columns, codes not labels), so the file imports back into OpenSID or into E-Desa unchanged.
NIK, No KK and the other sensitive fields are masked for roles without the full-NIK grant."""
from __future__ import annotations

import datetime
import io
from decimal import Decimal

from django.db.models import QuerySet

from .impor import KOLOM_OPENSID
from .models import Penduduk
from .privasi import samarkan

SENSITIF = set(Penduduk.sensitive_fields) | {"no_kk"}
_KOLOM_DB = [name for _, name, kind in KOLOM_OPENSID if kind not in ("dusun", "rw", "rt", "no_kk")]


def _lingkungan(desa: str) -> dict[str, tuple[str, str, str]]:
    """Wilayah code -> (dusun name, RW number, RT number) as OpenSID writes them."""
    from apps.wilayah.models import Wilayah

    nama = dict(Wilayah.objects.filter(kode__startswith=desa + ".", tingkat="dusun").values_list("kode", "nama"))

    def uraikan(kode: str) -> tuple[str, str, str]:
        parts = kode.split(".")[4:]
        dusun = nama.get(".".join(kode.split(".")[:5]), "") if parts else ""
        rw = parts[1] if len(parts) > 1 else "-"
        rt = parts[2] if len(parts) > 2 else "-"
        return dusun, rw, rt

    class _Peta(dict):
        def __missing__(self, kode):
            self[kode] = uraikan(kode)
            return self[kode]

    out = _Peta()
    return out


def _sel(value):
    if value is None or value == "":
        return None  # no cell at all: openpyxl skips it, which halves the file's XML
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime.date):
        return value
    return value


def baris_opensid(qs: QuerySet, *, desa: str, penuh: bool):
    """Yield the header and one list of cells per resident, families together (head first)."""
    yield [h for h, _, _ in KOLOM_OPENSID]
    peta = _lingkungan(desa)
    rows = (qs.filter(owner_id=desa).select_related("keluarga")
            .order_by("keluarga__no_kk", "shdk", "tanggal_lahir", "pk").iterator(chunk_size=2000))
    for p in rows:
        dusun, rw, rt = peta[p.wilayah_id]
        no_kk = p.keluarga.no_kk if p.keluarga_id else ""
        out = []
        for _h, name, kind in KOLOM_OPENSID:
            if kind == "dusun":
                v = dusun
            elif kind == "rw":
                v = rw
            elif kind == "rt":
                v = rt
            elif kind == "no_kk":
                v = no_kk
            else:
                v = getattr(p, name)
            if not penuh and name in SENSITIF and v not in (None, ""):
                v = samarkan(str(v))
            out.append(_sel(v))
        yield out


def ekspor_opensid(qs: QuerySet, *, desa: str, penuh: bool) -> tuple[bytes, int]:
    """The xlsx file and the number of residents in it. Identity numbers are written as text
    cells, so Excel never turns them into rounded numbers."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    from . import kode

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Data Penduduk")
    n = -1
    for row in baris_opensid(qs, desa=desa, penuh=penuh):
        for i, v in enumerate(row):
            if isinstance(v, str) and v[:1] == "=":  # text, never a formula that Excel would run
                cell = WriteOnlyCell(ws, value=v)
                cell.data_type = "s"
                row[i] = cell
        ws.append(row)
        n += 1
    legenda = wb.create_sheet("Kode Data")
    daftar = [("sex", kode.JENIS_KELAMIN), ("agama_id", kode.AGAMA), ("pendidikan_kk_id", kode.PENDIDIKAN_KK),
              ("pendidikan_sedang_id", kode.PENDIDIKAN_SEDANG), ("pekerjaan_id", kode.PEKERJAAN),
              ("status_kawin", kode.STATUS_PERKAWINAN), ("kk_level", kode.SHDK), ("warganegara_id", kode.WARGANEGARA),
              ("golongan_darah_id", kode.GOLONGAN_DARAH), ("cacat_id", kode.CACAT), ("cara_kb_id", kode.CARA_KB),
              ("hamil", kode.HAMIL), ("ktp_el", kode.KTP_EL), ("status_rekam", kode.STATUS_REKAM),
              ("status_dasar", kode.STATUS_DASAR), ("id_asuransi", kode.ASURANSI)]
    legenda.append([x for judul, _ in daftar for x in (judul, "id")])
    for i in range(max(len(pilihan) for _, pilihan in daftar)):
        legenda.append([x for _, pilihan in daftar
                        for x in ((pilihan[i][1], pilihan[i][0]) if i < len(pilihan) else ("", ""))])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), n


def nama_berkas(desa: str) -> str:
    return f"penduduk-{desa}-{datetime.date.today():%Y%m%d}.xlsx"
