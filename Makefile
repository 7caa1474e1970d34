# The few targets people expect; bin/run and bin/test do the real work.
.PHONY: run test lint format typecheck services-stop

run:
	bin/run

test:
	bin/test

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format:
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

typecheck:
	.venv/bin/mypy .

services-stop:
	.venv/bin/python -m personaforge.devservers stop
