"""An index in the meeting list's order (Pertemuan.Meta.ordering: -tanggal, -pk).

Without it every list page sorts all of the user's meetings to show the newest 25: 1.3 ms of
the database for the 519 meetings of the district seed, 15-18 ms for 10,000 (a few years of
monthly meetings), growing with the rows; read backwards in this index it reads 25 rows
(0.7 ms at 10,000). Declared in Pertemuan.Meta.indexes.
"""

from django.db import migrations, models

INDEKS = models.Index(fields=["tanggal", "id"], name="pertemuan_urut_tanggal")


class Migration(migrations.Migration):
    dependencies = [
        ("pertemuan", "0007_pilihan_kode"),
    ]

    operations = [
        migrations.AddIndex(model_name="pertemuan", index=INDEKS),
    ]
