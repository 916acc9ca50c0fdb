from django.db import migrations
from django.utils.text import slugify


def seed(apps, schema_editor):
    from civic.territory.seed import REGIONAIS

    Regional = apps.get_model("territory", "Regional")
    Bairro = apps.get_model("territory", "Bairro")
    for regional_name, bairros in REGIONAIS.items():
        regional, _ = Regional.objects.get_or_create(
            slug=slugify(regional_name), defaults={"name": regional_name}
        )
        for bairro_name in bairros:
            Bairro.objects.get_or_create(
                slug=slugify(bairro_name),
                defaults={"name": bairro_name, "regional": regional},
            )


class Migration(migrations.Migration):
    dependencies = [("territory", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
