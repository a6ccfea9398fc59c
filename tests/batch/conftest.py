from __future__ import annotations

import pytest

from pipeline.batch import run as batch


@pytest.fixture(autouse=True)
def fixed_version(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pin the pipeline fingerprint: other people editing the code mid-test must not look like a new version."""
    monkeypatch.setattr(batch, "fingerprint", lambda: "test+1")
