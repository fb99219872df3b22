"""Stories of the first admin: created from the command line, the password never echoed."""
import io

import pytest
from django.core.management import CommandError, call_command

from apps.akun.models import Keanggotaan, Pengguna

from .conftest import KAB, SANDI

pytestmark = pytest.mark.django_db


def test_admin_is_created_from_the_environment_password_without_echoing_it(region, monkeypatch):
    monkeypatch.setenv("EDESA_ADMIN_PASSWORD", SANDI)
    out, err = io.StringIO(), io.StringIO()
    call_command("buat_admin", "--username", "kominfo", "--email", "kominfo@seruyankab.go.id", "--no-input",
                 "--unit", "DISKOMINFO-62.07", stdout=out, stderr=err)
    assert SANDI not in out.getvalue() + err.getvalue()
    user = Pengguna.objects.get(username="kominfo")
    assert user.check_password(SANDI) and not user.is_superuser and not user.harus_ganti_sandi
    m = Keanggotaan.objects.get(pengguna=user)
    assert (m.peran, m.wilayah_id, m.unit.kode) == ("admin_kabupaten", KAB, "DISKOMINFO-62.07")
    assert "admin kabupaten" in out.getvalue()


def test_superuser_flag(region, monkeypatch):
    monkeypatch.setenv("EDESA_ADMIN_PASSWORD", SANDI)
    call_command("buat_admin", "--username", "root", "--superuser", "--no-input", stdout=io.StringIO())
    assert Pengguna.objects.get(username="root").is_superuser


def test_without_a_password_and_no_prompt_nothing_is_created(region, monkeypatch):
    monkeypatch.delenv("EDESA_ADMIN_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="EDESA_ADMIN_PASSWORD"):
        call_command("buat_admin", "--username", "kominfo", "--no-input")
    assert not Pengguna.objects.exists()


def test_weak_password_or_missing_wilayah_is_reported_and_rolled_back(region, monkeypatch):
    monkeypatch.setenv("EDESA_ADMIN_PASSWORD", "12345")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("buat_admin", "--username", "kominfo", "--no-input", stderr=err)
    assert "Kata sandi:" in err.getvalue() and "terlalu pendek" in err.getvalue()
    monkeypatch.setenv("EDESA_ADMIN_PASSWORD", SANDI)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("buat_admin", "--username", "kominfo", "--wilayah", "63.99", "--no-input", stderr=err)
    assert "Wilayah" in err.getvalue() and "load_seruyan" in err.getvalue()
    assert not Pengguna.objects.exists()


def test_interactive_prompt_hides_the_password(region, monkeypatch):
    monkeypatch.delenv("EDESA_ADMIN_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    answers = iter(["kominfo", "kominfo@seruyankab.go.id"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    secrets = iter([SANDI, SANDI])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(secrets))
    out = io.StringIO()
    call_command("buat_admin", stdout=out)
    assert SANDI not in out.getvalue()
    assert Pengguna.objects.get(username="kominfo").email == "kominfo@seruyankab.go.id"
