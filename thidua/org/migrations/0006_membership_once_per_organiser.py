"""A unit is in at most one cluster of an organiser in a school year (design movements.md §5)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("org", "0005_membership_organiser")]

    operations = [
        migrations.AlterField(
            model_name="clustermembership",
            name="organiser",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="org.orgunit", verbose_name="đơn vị tổ chức"
            ),
        ),
        migrations.AddConstraint(
            model_name="clustermembership",
            constraint=models.UniqueConstraint(
                fields=("organiser", "school_year", "unit"), name="cluster_member_once_per_organiser_a_year"
            ),
        ),
    ]
