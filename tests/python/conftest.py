"""Shared paths and helpers for the Python tests."""

import os
from pathlib import Path

import pytest

SOURCE_DIR = Path(os.environ.get("SAMEAS_SOURCE_DIR", Path(__file__).resolve().parents[2]))
SHARED_DATA = Path(os.environ.get("SAMEAS_SHARED_DATA_DIR", SOURCE_DIR.parent / "shared" / "data"))


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.exists():
        pytest.skip(f"shared data not found at {SHARED_DATA}")
    return SHARED_DATA
