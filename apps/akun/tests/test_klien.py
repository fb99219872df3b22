"""Per-IP limits need the real client address: behind a proxy it is in X-Forwarded-For,
without one that header is an attacker's free choice and must be ignored."""
from axes.helpers import get_client_ip_address
from django.test import RequestFactory, override_settings

from apps.akun.klien import ip_klien

rf = RequestFactory()


def test_without_a_proxy_the_forwarded_header_is_ignored():
    req = rf.get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert ip_klien(req) == "203.0.113.9"
    assert get_client_ip_address(req) == "203.0.113.9"  # axes asks the same function


@override_settings(EDESA_JUMLAH_PROXY=1)
def test_behind_one_proxy_the_client_is_what_that_proxy_appended():
    # The client forged "6.6.6.6"; nginx appended the address it really saw.
    req = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7")
    assert ip_klien(req) == "198.51.100.7"
    assert get_client_ip_address(req) == "198.51.100.7"


@override_settings(EDESA_JUMLAH_PROXY=2)
def test_a_short_chain_falls_back_to_the_direct_peer():
    req = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert ip_klien(req) == "10.0.0.2"


@override_settings(EDESA_JUMLAH_PROXY=1)
def test_a_garbage_forwarded_entry_is_not_taken_as_an_address():
    req = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="bukan-ip")
    assert ip_klien(req) == "10.0.0.2"


def test_no_address_at_all_is_none():
    req = rf.get("/")
    del req.META["REMOTE_ADDR"]
    assert ip_klien(req) is None
