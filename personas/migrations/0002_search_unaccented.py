# A generated column cannot be altered in place: it is dropped and added again, with its index.
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import migrations, models

from personaforge.core.unaccent import Unaccented


class Migration(migrations.Migration):
    dependencies = [("personaforge", "0002_unaccented"), ("personas", "0001_initial")]

    operations = [
        migrations.RemoveIndex(model_name="persona", name="persona_search"),
        migrations.RemoveField(model_name="persona", name="search_vector"),
        migrations.AddField(
            model_name="persona",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=SearchVector(Unaccented("title"), Unaccented("summary"), config="english"),
                output_field=SearchVectorField(),
            ),
        ),
        migrations.AddIndex(model_name="persona", index=GinIndex(fields=["search_vector"], name="persona_search")),
    ]
