"""`make run` serves hashed static files (WhiteNoise manifest); every reference inside the
vendored CSS/JS (fonts, images, source maps) must resolve, or collectstatic fails."""
from django.core.management import call_command
from django.test import override_settings


def test_collectstatic_with_the_production_manifest_storage_succeeds(tmp_path, settings):
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "staticfiles.json").exists()
    assert list(tmp_path.glob("vendor/leaflet/leaflet.*.js"))
