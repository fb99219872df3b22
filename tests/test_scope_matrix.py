"""Invariant 1, as a matrix: every URL pattern and every API route, for every role, against
objects of another village, another kecamatan and another kabupaten. Out of scope is 404 on
detail/edit pages and absent from lists. New views and API routes join automatically: the
test walks the URLconf and the API router, and fails for a pattern it cannot fill."""
from __future__ import annotations

import uuid

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from apps.akun.roles import PERAN, PERAN_BY_KODE
from apps.akun.scope import allows
from apps.sinkron.models import Jurnal, SyncableModel
from edesa.api import router

from . import world

pytestmark = pytest.mark.django_db

# URLs with no object of ours behind them (auth flow, API docs) or that only act on the
# logged-in user's own session.
NO_OBJECT_URLS = {
    "akun:masuk", "akun:keluar", "akun:sandi_reset", "api-schema", "api-docs", "api-redoc", "api-root",
}
# Public by design, for anyone holding a letter: masked metadata of an issued document
# (apps/dokumen/tests pin what they show). Signing certificates belong to a person, not a
# wilayah: "own certificate, or admin_kabupaten" is tested in apps/dokumen/tests/test_halaman.py.
PUBLIC_URLS = {"verifikasi:detail", "tte:unduh", "tte:cabut",
               # Musrenbang transparency and "lacak usulan", the aspiration form and its
               # tracking by code, and the public portal: public by design; tests in their apps
               # pin that they show nothing confidential (anonymous reporters, NIK, rahasia).
               "musrenbang:beranda", "musrenbang:desa", "musrenbang:kecamatan", "musrenbang:lacak",
               "musrenbang:usulan", "musrenbang:ekspor", "lapor:form", "lapor:lacak", "lapor:status",
               "lapor:nilai", "lapor:foto", "portal:beranda", "portal:desa", "portal:kecamatan", "portal:peta"}
PUBLIC_API = {"verifikasi"}


def walk(patterns, prefix="", ns=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            new_ns = f"{ns}{p.namespace}:" if p.namespace else ns
            yield from walk(p.url_patterns, prefix + str(p.pattern), new_ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), (ns + p.name) if p.name else None, p


def html_patterns():
    out = []
    for route, name, p in walk(get_resolver().url_patterns):
        if route.startswith("api/v1/") or route.startswith("static/") or name is None:
            continue
        out.append((route, name, p))
    return out


def view_model(p: URLPattern):
    cls = getattr(p.callback, "view_class", None) or getattr(p.callback, "cls", None)
    return cls, getattr(cls, "model", None)


def objects_of(dunia, codes, model):
    return [o for c in codes for o in dunia.objects.get(c, []) if isinstance(o, model)]


def foreign_for(dunia, peran):
    codes = world.foreign_codes(PERAN_BY_KODE[peran].tingkat)
    foreign = [o for c in codes for o in dunia.objects.get(c, [])]
    if peran == "warga":
        own_family = dunia.warga_penduduk.keluarga_id
        foreign += [o for o in dunia.objects[world.DESA]
                    if getattr(o, "keluarga_id", "x") not in (own_family, "x") or
                    (o.__class__.__name__ == "Keluarga" and o.pk != own_family)]
    return foreign


def fill(route: str, kwargs: dict) -> str:
    """Turn 'wilayah/<uuid:pk>/' into a concrete path."""
    import re

    def sub(m):
        return str(kwargs[m.group(2)])

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", sub, route)


def check_html(client: Client, dunia, peran: str) -> list[str]:
    leaks, unfillable = [], []
    foreign = foreign_for(dunia, peran)
    foreign_ids = {str(o.pk) for o in foreign}
    foreign_entries = list(Jurnal.objects.filter(object_id__in=[o.pk for o in foreign if isinstance(o.pk, uuid.UUID)]))
    for route, name, p in html_patterns():
        cls, model = view_model(p)
        params = set(p.pattern.converters)
        if name in NO_OBJECT_URLS or name in PUBLIC_URLS:
            continue
        if not params:
            for query in ("", "?q=Pematang", f"?desa={world.DESA_KAB_LAIN}&wilayah={world.DESA_KAB_LAIN}&induk={world.DESA_KAB_LAIN}"):
                resp = client.get("/" + route + query)
                if resp.status_code == 200:
                    body = resp.content.decode()
                    hits = [i for i in foreign_ids if i in body]
                    if hits:
                        leaks.append(f"{peran}: {name}{query} menampilkan {len(hits)} data di luar cakupan")
            continue
        if getattr(cls, "model_kwarg", None):  # e.g. history: /jurnal/riwayat/<model>/<pk>/
            targets = [(o, {cls.model_kwarg: o._meta.label_lower, "pk": o.pk}) for o in foreign if isinstance(o, SyncableModel)]
        elif model is not None and params == {"pk"}:
            if model is Jurnal:
                targets = [(e, {"pk": e.pk}) for e in foreign_entries]
            else:
                targets = [(o, {"pk": o.pk}) for o in foreign if isinstance(o, model)]
                if model is apps.get_model("akun.Pengguna"):
                    targets = [(m.pengguna, {"pk": m.pengguna_id}) for m in foreign
                               if m.__class__.__name__ == "Keanggotaan"]
        else:
            unfillable.append(f"{name} ({route})")
            continue
        if not targets:
            unfillable.append(f"{name}: tidak ada data {model} di luar cakupan dalam tests/world.py")
            continue
        for _obj, kwargs in targets:
            url = fill(route, kwargs)
            for method in ("get", "post"):
                resp = getattr(client, method)(url)
                if resp.status_code not in (404, 405, 403) and not (method == "get" and resp.status_code == 302 and "/akun/masuk" in resp.get("Location", "")):
                    leaks.append(f"{peran}: {method.upper()} {url} -> {resp.status_code} (harus 404)")
    assert not unfillable, (
        f"Pola URL yang belum bisa diuji matriks (beri view atribut `model`, dan buat datanya di tests/world.py): {unfillable}"
    )
    return leaks


def check_api(client: Client, dunia, peran: str) -> list[str]:
    leaks = []
    foreign = foreign_for(dunia, peran)
    foreign_ids = {str(o.pk) for o in foreign}
    for prefix, viewset, _basename in router.registry:
        if prefix in PUBLIC_API:
            continue
        qs = getattr(viewset, "base_queryset", None)
        if qs is None:
            qs = getattr(viewset, "queryset", None)
        assert qs is not None, f"API {prefix}: viewset tanpa base_queryset, tidak dapat diuji cakupannya"
        model = qs.model
        resp = client.get(f"/api/v1/{prefix}/", {"page_size": 500})
        if resp.status_code == 200:
            body = resp.content.decode()
            hits = [i for i in foreign_ids if i in body]
            if hits:
                leaks.append(f"{peran}: API {prefix} daftar menampilkan {len(hits)} data di luar cakupan")
        lookup = getattr(viewset, "lookup_field", "pk")
        for obj in foreign:
            if not isinstance(obj, model):
                continue
            key = getattr(obj, lookup if lookup != "pk" else "pk")
            url = f"/api/v1/{prefix}/{key}/"
            for method in ("get", "patch", "delete"):
                resp = getattr(client, method)(url, content_type="application/json", data={} if method == "patch" else None)
                if resp.status_code not in (404, 405, 403):
                    leaks.append(f"{peran}: API {method.upper()} {url} -> {resp.status_code} (harus 404)")
    return leaks


@pytest.fixture
def dunia():
    return world.build()


@pytest.mark.parametrize("peran", [p.kode for p in PERAN])
def test_role_cannot_reach_anything_outside_its_scope(dunia, peran):
    client = Client()
    client.force_login(dunia.users[peran])
    leaks = check_html(client, dunia, peran) + check_api(client, dunia, peran)
    assert not leaks, "\n".join(leaks)


def test_home_scope_is_reachable_so_the_matrix_is_not_vacuous(dunia):
    """The same requests for objects inside the scope succeed: a 404-for-everything view
    would otherwise pass the matrix."""
    client = Client()
    client.force_login(dunia.users["operator_desa"])
    own = [o for o in dunia.objects[world.DESA] if o.__class__.__name__ in {"Penduduk", "Keluarga", "Wilayah", "UnitKerja", "Pejabat"}]
    assert own
    ok = 0
    for route, name, p in html_patterns():
        cls, model = view_model(p)
        if model is None or set(p.pattern.converters) != {"pk"} or getattr(cls, "model_kwarg", None):
            continue
        for o in own:
            if isinstance(o, model) and allows(dunia.users["operator_desa"], getattr(cls, "scope_action", "view"), o):
                resp = client.get(fill(route, {"pk": o.pk}))
                assert resp.status_code == 200, f"{name} untuk data sendiri -> {resp.status_code}"
                ok += 1
                break
    assert ok >= 4


def test_the_matrix_catches_a_view_or_api_that_skips_the_scoping_function(dunia, monkeypatch):
    """If someone bypassed restrict() in the shared base views, the matrix must go red."""
    from apps.akun import api_base, viewmixins

    monkeypatch.setattr(viewmixins.ScopedMixin, "get_queryset", lambda self: self.base_queryset())
    monkeypatch.setattr(api_base.ScopedViewSetMixin, "get_queryset", lambda self: self.base_queryset.all())
    client = Client()
    client.force_login(dunia.users["operator_desa"])
    assert check_html(client, dunia, "operator_desa"), "matriks tidak mendeteksi tampilan yang melewati restrict()"
    assert check_api(client, dunia, "operator_desa"), "matriks tidak mendeteksi API yang melewati restrict()"
