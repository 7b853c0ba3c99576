"""Settings every test shares."""

import os

import pytest


@pytest.fixture(autouse=True, scope="session")
def _own_cache(tmp_path_factory):
    """Cached reference outputs go to a folder of this run's, never the user's cache (dlspec.grader.expected)."""
    os.environ["DLSPEC_CACHE"] = str(tmp_path_factory.mktemp("cache"))
