"""The export read by an independent tool (issue 16): check-jsonschema, the JSON Schema CLI, accepts
``export/plan.json`` against the schema published beside it, and every unit file against
``export/units.schema.json``; and it refuses a unit file that breaks the schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

CLI = Path(sys.executable).with_name("check-jsonschema")


def check(schema: Path, *instances: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CLI), "--schemafile", str(schema), *map(str, instances)], capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_check_jsonschema_accepts_the_export(site: Path) -> None:
    export = site / "export"
    result = check(export / "plan.schema.json", export / "plan.json")
    assert result.returncode == 0, result.stdout + result.stderr
    units = sorted((export / "units").glob("*.json"))
    assert len(units) > 130
    result = check(export / "units.schema.json", *units)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_check_jsonschema_refuses_a_broken_unit_file(site: Path, tmp_path: Path) -> None:
    unit = json.loads((site / "export" / "units" / "I.3.5.json").read_text(encoding="utf-8"))
    unit["url_en"] = "plan/I.3.5/"  # an English URL must be under en/
    broken = tmp_path / "I.3.5.json"
    broken.write_text(json.dumps(unit), encoding="utf-8")
    result = check(site / "export" / "units.schema.json", broken)
    assert result.returncode != 0 and "url_en" in result.stdout + result.stderr


def test_editor_schemas_are_valid_schemas_for_the_cli() -> None:
    """The editor schemas (schemas/*.json) are read by other tools too: each is a valid JSON Schema,
    its patterns valid ECMA-262 regular expressions."""
    schemas = sorted((Path(__file__).resolve().parents[1] / "schemas").glob("*.schema.json"))
    assert len(schemas) >= 8
    result = subprocess.run([str(CLI), "--check-metaschema", *map(str, schemas)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
