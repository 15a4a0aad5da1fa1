from django.db import migrations


class Migration(migrations.Migration):
    """`media` shadowed Form.media in templates: the KIE form showed the select twice."""

    dependencies = [
        ("pertemuan", "0002_konseling_anggota_poktan"),
    ]

    operations = [
        migrations.RenameField(model_name="sesikie", old_name="media", new_name="media_kie"),
    ]
