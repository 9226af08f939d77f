"""The sizing parameters are declared once (SizingParams) and every front end offers exactly them."""

from __future__ import annotations

import typer.main

from api.models import SizeRequest
from assistant.backends.llm import sizing_tool_schema
from assistant.sizing import SizingParams, cli_option
from clauses_cli.main import app

PARAMETERS = dict(SizingParams.model_fields)


def test_fifteen_parameters_each_with_a_french_description() -> None:
    assert len(PARAMETERS) == 15
    assert all(info.description and info.description.strip() for info in PARAMETERS.values())


def test_the_api_body_has_the_same_fields_and_descriptions() -> None:
    api = SizeRequest.model_fields
    assert list(api) == list(PARAMETERS)
    assert {name: info.description for name, info in api.items()} == {
        name: info.description for name, info in PARAMETERS.items()
    }


def test_the_llm_tool_schema_has_the_same_fields_and_descriptions() -> None:
    properties = sizing_tool_schema().model_json_schema()["properties"]
    assert list(properties) == list(PARAMETERS)
    assert {name: spec["description"] for name, spec in properties.items()} == {
        name: info.description for name, info in PARAMETERS.items()
    }


def test_the_cli_has_one_option_per_parameter() -> None:
    command = typer.main.get_command(app).commands["size"]  # type: ignore[attr-defined]
    options = {param.name: param for param in command.params}
    for name in PARAMETERS:
        flag, help_text = cli_option(name)
        assert flag in options[name].opts and options[name].help == help_text
    assert set(options) == {*PARAMETERS, "as_json"}
