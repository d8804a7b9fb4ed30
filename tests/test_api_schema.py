"""schemathesis reads ``/api/openapi.json`` and sends what it generates from it to the live server.

Every ``/api`` operation is tried with examples drawn from its parameters'
schemas (valid and not), on a populated database: no answer may be a server
error, and every answer must match the status codes, content types and
response models the schema declares.
"""

from __future__ import annotations

from datetime import date

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance
from sqlalchemy.engine import Engine

from support.opendata import populate
from tbtalert.config import Settings
from tbtalert.opendata import local_today

EXAMPLES = 25  # per operation: about twenty seconds in all on each database


@pytest.fixture
def api_schema(web_site: tuple[Settings, Engine, str]) -> schemathesis.BaseSchema:
    web_settings, engine, base = web_site
    today: date = local_today(web_settings.timezone)
    populate(engine, today)
    return schemathesis.openapi.from_url(f"{base}/api/openapi.json").include(path_regex="^/api/")


def test_open_data_api_answers_without_server_errors(api_schema: schemathesis.BaseSchema) -> None:
    # schemathesis's own pytest loader does not run under pytest 9; its strategies do
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) == 4
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def check(case: schemathesis.Case) -> None:
            # A made-up cursor is valid by the schema (a string) and refused with 400.
            case.call_and_validate(timeout=30, excluded_checks=[positive_data_acceptance])

        check()
