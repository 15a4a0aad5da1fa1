"""Every KB status row recorded before the history existed gets its first history row (who and
when from dicatat_oleh/dicatat_pada), so a later edit always shows the earlier value."""

from django.db import migrations

SQL = """
INSERT INTO pendataan_historicalperubahanstatus
    (id, bulan, status, jalur, peserta_baru, sumber, dicatat_pada, anggota_id, desa_id,
     dicatat_oleh_id, history_date, history_change_reason, history_type, history_user_id)
SELECT id, bulan, status, jalur, peserta_baru, sumber, dicatat_pada, anggota_id, desa_id,
       dicatat_oleh_id, dicatat_pada, NULL, '+', dicatat_oleh_id
FROM pendataan_perubahanstatus
"""


class Migration(migrations.Migration):
    dependencies = [("pendataan", "0008_riwayat_status_kb")]

    operations = [migrations.RunSQL(SQL, migrations.RunSQL.noop)]
