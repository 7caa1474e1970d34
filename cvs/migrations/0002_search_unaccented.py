# A generated column cannot be altered in place: it is dropped and added again, with its index.
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import migrations, models

from personaforge.core.unaccent import Unaccented


class Migration(migrations.Migration):
    dependencies = [("personaforge", "0002_unaccented"), ("cvs", "0001_initial")]

    operations = [
        migrations.RemoveIndex(model_name="cv", name="cv_search"),
        migrations.RemoveField(model_name="cv", name="search_vector"),
        migrations.AddField(
            model_name="cv",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=SearchVector(Unaccented("filename"), Unaccented("raw_text"), config="english"),
                output_field=SearchVectorField(),
            ),
        ),
        migrations.AddIndex(model_name="cv", index=GinIndex(fields=["search_vector"], name="cv_search")),
        migrations.RemoveIndex(model_name="knowledgebaseentry", name="kb_search"),
        migrations.RemoveField(model_name="knowledgebaseentry", name="search_vector"),
        migrations.AddField(
            model_name="knowledgebaseentry",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=SearchVector(Unaccented("value"), Unaccented("evidence"), config="english"),
                output_field=SearchVectorField(),
            ),
        ),
        migrations.AddIndex(
            model_name="knowledgebaseentry", index=GinIndex(fields=["search_vector"], name="kb_search")
        ),
    ]
