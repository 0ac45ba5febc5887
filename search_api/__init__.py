"""The search API and web page: `search_api.app.create_app(settings)` builds the FastAPI app."""
