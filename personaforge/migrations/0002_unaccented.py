from django.db import migrations

# The mapping is fixed once written; personaforge/tests/test_unaccent.py checks that SQL and Python agree.
from personaforge.core.unaccent import ACCENTED, PLAIN

CREATE = f"""
CREATE OR REPLACE FUNCTION unaccented(text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN translate($1, '{ACCENTED}', '{PLAIN}');
"""


class Migration(migrations.Migration):
    dependencies = [("personaforge", "0001_initial")]

    operations = [migrations.RunSQL(CREATE, reverse_sql="DROP FUNCTION IF EXISTS unaccented(text);")]
