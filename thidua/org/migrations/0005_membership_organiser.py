"""ClusterMembership.organiser: the cluster's organiser, copied onto each membership (filled here) so that
0006 can refuse a unit in two clusters of one organiser in the same school year."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    Cluster = apps.get_model("org", "Cluster")
    ClusterMembership = apps.get_model("org", "ClusterMembership")
    ClusterMembership.objects.filter(organiser__isnull=True).update(
        organiser_id=Subquery(Cluster.objects.filter(pk=OuterRef("cluster_id")).values("organiser_id")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [("org", "0004_clusters")]

    operations = [
        migrations.AddField(
            model_name="clustermembership",
            name="organiser",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="org.orgunit",
                verbose_name="đơn vị tổ chức",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
