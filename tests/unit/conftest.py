import pytest


@pytest.fixture
def store(demo_store):
    """The demo database, fresh for each test (a copy of one built per session)."""
    return demo_store
