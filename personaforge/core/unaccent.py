"""Accents left out of search: "Jose Garcia" finds "José García", "Munchen" finds "München".

PostgreSQL's unaccent extension is not in every PostgreSQL with pgvector (the embedded one lacks it), so the same
letter-for-letter mapping is a small SQL function, `unaccented(text)` (see migration personaforge 0002), used by the
search columns, and `unaccent()` here for the queries. Latin-1 and Latin Extended-A cover the European languages the
parser reads; letters that are two in ASCII (ß, æ, œ) are kept as they are.
"""

from __future__ import annotations

from django.db.models import Func, TextField

ACCENTED = "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžſøØłŁđĐıħĦŧŦ"  # noqa: E501
PLAIN = "AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuyyAaAaAaCcCcCcCcDdEeEeEeEeEeGgGgGgGgHhIiIiIiIiIJjKkLlLlLlNnNnNnOoOoOoRrRrRrSsSsSsSsTtTtUuUuUuUuUuUuWwYyYZzZzZzsoOlLdDihHtT"  # noqa: E501
_TABLE = str.maketrans(ACCENTED, PLAIN)


def unaccent(text: str) -> str:
    return text.translate(_TABLE)


class Unaccented(Func):
    """unaccented(column) in SQL: immutable, so generated columns can use it."""

    function = "unaccented"
    output_field = TextField()
