"""Create the first admin of a kabupaten: a login with the admin_kabupaten role.

    python manage.py buat_admin                                  # asks for everything
    EDESA_ADMIN_PASSWORD=... python manage.py buat_admin --username admin --email a@b.go.id --no-input

The password comes from a hidden prompt or the EDESA_ADMIN_PASSWORD environment variable and
is never printed or passed on the command line (where `ps` and shell history would show it).
"""
from __future__ import annotations

import getpass
import os
import sys

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from apps.akun import services
from apps.sinkron.context import acting_as
from apps.wilayah.models import UnitKerja

ENV_SANDI = "EDESA_ADMIN_PASSWORD"
PERTANYAAN = {"username": "Nama pengguna", "nama": "Nama lengkap", "email": "Email (boleh kosong)"}
LABEL = {"username": "Nama pengguna", "nama": "Nama lengkap", "email": "Email", "password": "Kata sandi",
         "wilayah_kode": "Wilayah", "unit": "Unit kerja", "__all__": "Galat"}


class Command(BaseCommand):
    help = ("Membuat akun admin kabupaten (peran admin_kabupaten). Kata sandi dari prompt tersembunyi "
            f"atau variabel lingkungan {ENV_SANDI}; tidak pernah ditampilkan.")

    def add_arguments(self, parser):
        parser.add_argument("--username", help="nama pengguna untuk masuk")
        parser.add_argument("--email", help="email (untuk lupa kata sandi)")
        parser.add_argument("--nama", help="nama lengkap (bawaan: Admin <nama pengguna>)")
        parser.add_argument("--wilayah", default=None, help="kode kabupaten (bawaan: EDESA_KABUPATEN)")
        parser.add_argument("--unit", help="kode unit kerja tempat admin bertugas (mis. Diskominfo), opsional")
        parser.add_argument("--superuser", action="store_true", help="juga jadikan superuser (semua wilayah)")
        parser.add_argument("--no-input", "--noinput", action="store_false", dest="interactive",
                            help="jangan bertanya; gagal bila ada data yang kurang")

    def handle(self, *args, **opts):
        interactive = opts["interactive"] and sys.stdin.isatty()
        wilayah = opts["wilayah"] or settings.EDESA_KABUPATEN
        unit = None
        if opts["unit"]:
            unit = UnitKerja.objects.filter(kode=opts["unit"]).first()
            if unit is None:
                raise CommandError(f"Unit kerja dengan kode {opts['unit']} tidak ditemukan.")
        data = {"username": opts["username"], "nama": opts["nama"], "email": opts["email"],
                "password": os.environ.get(ENV_SANDI) or None}
        for _ in range(5):
            self._lengkapi(data, interactive)
            try:
                user = self._buat(data, wilayah=wilayah, unit=unit, superuser=opts["superuser"])
            except ValidationError as exc:
                errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
                for field, messages in errors.items():
                    self.stderr.write(f"{LABEL.get(field, field)}: {' '.join(messages)}")
                if "wilayah_kode" in errors:
                    self.stderr.write("Muat data wilayah dulu (python manage.py load_seruyan) atau pilih --wilayah lain.")
                retry = [f for f in errors if f in data]
                if not interactive or len(retry) != len(errors):
                    raise CommandError("Admin tidak dibuat.") from None
                for field in retry:
                    data[field] = None
                continue
            peran = "superuser dan admin kabupaten" if user.is_superuser else "admin kabupaten"
            self.stdout.write(self.style.SUCCESS(f"Akun {user.username} dibuat sebagai {peran} untuk wilayah {wilayah}."))
            return
        raise CommandError("Admin tidak dibuat: terlalu banyak percobaan.")

    def _lengkapi(self, data: dict, interactive: bool) -> None:
        for field, question in PERTANYAAN.items():
            if data.get(field) is None and field != "nama":
                if not interactive:
                    if field == "username":
                        raise CommandError("--username wajib diisi bila tanpa interaksi (--no-input).")
                    data[field] = ""
                    continue
                data[field] = input(f"{question}: ").strip()
        if not data.get("nama"):
            data["nama"] = f"Admin {data['username']}"
        if data.get("password") is None:
            if not interactive:
                raise CommandError(f"Kata sandi belum ada: isi variabel lingkungan {ENV_SANDI} atau jalankan secara interaktif.")
            pertama = getpass.getpass("Kata sandi: ")
            if pertama != getpass.getpass("Ulangi kata sandi: "):
                self.stderr.write("Kedua kata sandi tidak sama.")
                return self._lengkapi(data, interactive)
            data["password"] = pertama

    def _buat(self, data: dict, *, wilayah: str, unit, superuser: bool):
        with acting_as("sistem:buat_admin"), transaction.atomic():
            user = services.create_pengguna(username=data["username"], password=data["password"], nama=data["nama"],
                                            email=data["email"] or None)
            if superuser:
                user.is_superuser = user.is_staff = True
                user.save(update_fields=["is_superuser", "is_staff"])
            services.grant_peran(pengguna=user, peran="admin_kabupaten", wilayah_kode=wilayah, unit=unit)
        return user
