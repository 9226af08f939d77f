"""Specification of the YAML reader shared by the product's data files."""

from __future__ import annotations

import pytest
import yaml

from assistant.yaml_data import load_yaml


def test_a_mapping_is_read_as_written() -> None:
    assert load_yaml("question: Peut-on ?\nreadings:\n  - verdict: Oui\n") == {
        "question": "Peut-on ?",
        "readings": [{"verdict": "Oui"}],
    }


def test_a_key_written_twice_in_one_mapping_is_an_error_not_a_silent_overwrite() -> None:
    with pytest.raises(yaml.YAMLError, match="duplicate key 'readings'"):
        load_yaml("readings: [a]\nanswer: Oui.\nreadings: [b]\n")


def test_the_same_key_in_two_sibling_mappings_is_allowed() -> None:
    assert load_yaml("- id: a\n- id: b\n") == [{"id": "a"}, {"id": "b"}]
