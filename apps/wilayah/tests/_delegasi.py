"""Small world for the delegation and org-chart tests: the Seruyan slice's units, a village
government with its Kepala Desa (an account), a Sekdes and a staff member with accounts, and
an operator of the neighbouring village."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.test import Client
from django.utils import timezone

from apps.akun.models import Keanggotaan, Pengguna
from apps.wilayah.models import Jabatan, Pejabat, UnitKerja
from apps.wilayah.services.seruyan import default_units, ensure_units

from .conftest import DESA_A, DESA_B, IRISAN_SERUYAN


def hari(n: int = 0) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def akun(username: str, peran: str | None = None, wilayah: str = DESA_A, unit: UnitKerja | None = None) -> Pengguna:
    u = Pengguna.objects.create(username=username, nama=username.replace("-", " ").title(), email=None)
    if peran:
        Keanggotaan.objects.create(pengguna=u, peran=peran, wilayah_id=wilayah, unit=unit, owner_id=wilayah)
    return u


def klien(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


@dataclass
class Desa:
    unit: UnitKerja
    kades: Jabatan
    sekdes: Jabatan
    kaur: Jabatan
    kades_akun: Pengguna  # holds Kepala Desa; a BPD-like role: no grant to change positions
    sekdes_akun: Pengguna
    staf: Pengguna  # operator of the village: manages its positions
    tetangga: Pengguna  # operator of the neighbouring village
    unit_b: UnitKerja


def buat_desa() -> Desa:
    ensure_units(default_units(IRISAN_SERUYAN))
    unit = UnitKerja.objects.get(kode=f"PEMDES-{DESA_A}")
    unit_b = UnitKerja.objects.get(kode=f"PEMDES-{DESA_B}")
    jab = {j.nama: j for j in Jabatan.objects.filter(unit=unit)}
    kades_akun = akun("bahrun-kades", "bpd", unit=unit)
    sekdes_akun = akun("siti-sekdes", "sekdes", unit=unit)
    staf = akun("rudi-operator", "operator_desa", unit=unit)
    tetangga = akun("op-tetangga", "operator_desa", wilayah=DESA_B, unit=unit_b)
    Pejabat.objects.create(nama="Bahrun", jabatan=jab["Kepala Desa"], pengguna=kades_akun, owner_id=DESA_A,
                           mulai=datetime.date(2022, 1, 3))
    Pejabat.objects.create(nama="Siti Aminah", jabatan=jab["Sekretaris Desa"], pengguna=sekdes_akun, owner_id=DESA_A)
    return Desa(unit, jab["Kepala Desa"], jab["Sekretaris Desa"], jab["Kaur Keuangan"], kades_akun, sekdes_akun, staf,
                tetangga, unit_b)
