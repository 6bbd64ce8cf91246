"""hadath's web app: a JSON API and pages over a store, served with no network access.

from hadath.web.app import create_app
app = create_app("hadath.db", token=None)   # run with uvicorn, or `hadath serve`
"""

from __future__ import annotations
