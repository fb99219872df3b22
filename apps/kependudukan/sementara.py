"""Writes to the register of temporary residents (Buku Penduduk Sementara): people staying in
the village without being part of its population. Kept apart from the registry and its counts."""
from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from apps.akun.scope import ensure_allowed
from apps.sinkron import journal

from .models import PendudukSementara
from .services import _periksa_wilayah, _wilayah_lingkungan

KOLOM = ("nama", "jenis_kelamin", "nomor_identitas", "tempat_lahir", "tanggal_lahir", "pekerjaan", "warganegara",
         "keturunan", "datang_dari", "maksud", "didatangi", "wilayah", "tanggal_datang", "keterangan")
_TEKS = {f.name for f in PendudukSementara._meta.concrete_fields if f.get_internal_type() in ("CharField", "TextField")}


def _periksa(s: PendudukSementara) -> None:
    hari_ini = timezone.localdate()
    errors: dict[str, list[str]] = {}

    def gagal(field, pesan):
        errors.setdefault(field, []).append(pesan)

    s.nama = " ".join((s.nama or "").split())
    s.nomor_identitas = (s.nomor_identitas or "").replace(" ", "")
    if not s.nama:
        gagal("nama", "Nama wajib diisi.")
    if s.nomor_identitas and not s.nomor_identitas.isalnum():
        gagal("nomor_identitas", "Nomor identitas hanya berisi huruf dan angka (NIK 16 angka atau nomor paspor).")
    if s.tanggal_lahir and s.tanggal_lahir > hari_ini:
        gagal("tanggal_lahir", "Tanggal lahir tidak boleh di masa depan.")
    if s.tanggal_datang is None:
        gagal("tanggal_datang", "Tanggal datang wajib diisi.")
    elif s.tanggal_datang > hari_ini:
        gagal("tanggal_datang", "Tanggal datang tidak boleh di masa depan.")
    elif s.tanggal_lahir and s.tanggal_datang < s.tanggal_lahir:
        gagal("tanggal_datang", "Tanggal datang sebelum tanggal lahir.")
    if s.tanggal_pergi:
        if s.tanggal_pergi > hari_ini:
            gagal("tanggal_pergi", "Tanggal pergi tidak boleh di masa depan.")
        elif s.tanggal_datang and s.tanggal_pergi < s.tanggal_datang:
            gagal("tanggal_pergi", f"Tanggal pergi sebelum tanggal datang ({s.tanggal_datang:%d-%m-%Y}).")
    if errors:
        raise ValidationError(errors)
    s.full_clean(exclude=["owner", "wilayah"], validate_unique=False, validate_constraints=False)


def _isi(s: PendudukSementara, data: dict[str, Any]) -> None:
    unknown = set(data) - set(KOLOM)
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "Kolom ini tidak dapat diisi di sini."))
    for key, value in data.items():
        if key == "wilayah":
            w = _wilayah_lingkungan(value)
            desa = _periksa_wilayah(w)
            if s.owner_id and desa != s.owner_id:
                raise ValidationError({"wilayah": "Penduduk sementara tidak dapat dipindah ke desa lain; catat di desa "
                                                  "tujuannya sebagai kedatangan baru."})
            s.wilayah, s.owner_id = w, desa
        else:
            setattr(s, key, "" if value is None and key in _TEKS else value)


def create_sementara(*, user, **data: Any) -> PendudukSementara:
    if not data.get("wilayah"):
        raise ValidationError({"wilayah": "Pilih dusun/RW/RT tempat tinggal."})
    s = PendudukSementara()
    _isi(s, data)
    with transaction.atomic():
        _periksa(s)
        s.save()
        ensure_allowed(user, "add", s)
    return s


def update_sementara(*, user, sementara: PendudukSementara, **data: Any) -> PendudukSementara:
    with transaction.atomic():
        journal.begin()
        s = PendudukSementara.objects.select_for_update().get(pk=sementara.pk)
        ensure_allowed(user, "change", s)
        _isi(s, data)
        _periksa(s)
        s.save()
        ensure_allowed(user, "change", s)
    return s


def catat_pergi(*, user, sementara: PendudukSementara, tanggal_pergi: datetime.date | None) -> PendudukSementara:
    """The temporary resident left the village."""
    with transaction.atomic():
        journal.begin()
        s = PendudukSementara.objects.select_for_update().get(pk=sementara.pk)
        ensure_allowed(user, "change", s)
        if s.tanggal_pergi:
            raise ValidationError({"tanggal_pergi": f"{s.nama} sudah tercatat pergi tanggal {s.tanggal_pergi:%d-%m-%Y}."})
        if tanggal_pergi is None:
            raise ValidationError({"tanggal_pergi": "Tanggal pergi wajib diisi."})
        s.tanggal_pergi = tanggal_pergi
        _periksa(s)
        s.save()
    return s


def hapus_sementara(*, user, sementara: PendudukSementara) -> None:
    """Remove a record entered by mistake (journaled, so the deletion stays in the history)."""
    with transaction.atomic():
        journal.begin()
        s = PendudukSementara.objects.select_for_update().get(pk=sementara.pk)
        ensure_allowed(user, "delete", s)
        s.delete()
