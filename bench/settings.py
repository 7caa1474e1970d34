"""The production settings (or development, as the environment says) serving bench.urls: the site and the "hello"
ceiling. Only the benches' gunicorn uses this module; the product never routes /bench/hello."""

from personaforge.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
