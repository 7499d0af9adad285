.PHONY: install check lint types test test-postgres format

install:
	python -m pip install -e '.[test]'

check: lint types test

lint:
	ruff check src tests bench
	ruff format --check src tests bench

types:
	mypy

test:
	python -m pytest

test-postgres:
	TEST_DATABASE_URL=$${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres} python -m pytest -m postgres

format:
	ruff format src tests bench
	ruff check --fix src tests bench
