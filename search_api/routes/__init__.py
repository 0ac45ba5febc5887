"""One APIRouter per resource."""
from search_api.routes import compare, documents, figures, health, ingest, parks, practices, search

ROUTERS = (health.router, search.router, documents.router, parks.router, practices.router,
           compare.router, figures.router, ingest.router)
