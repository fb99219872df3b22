"""Create the journal's chain head once, so no two first writers race to create it."""
from django.db import migrations


def create_head(apps, schema_editor):
    JurnalKepala = apps.get_model("sinkron", "JurnalKepala")
    JurnalKepala.objects.get_or_create(pk=1, defaults={"seq": 0, "hash": "0" * 64})


class Migration(migrations.Migration):
    dependencies = [("sinkron", "0002_snapshot_teks")]
    operations = [migrations.RunPython(create_head, migrations.RunPython.noop)]
