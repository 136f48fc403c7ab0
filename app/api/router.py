"""The /v1 API: every domain's router, in one place.

create_app includes each on the app under /v1, most read first. FastAPI (0.165) finds a
request's route by walking the routes of each included router in turn, nested routers'
too, twice per request: one /v1 router holding these cost ~10% of an uncached article list,
and each route before the one asked for costs a little."""

from app.accounts.router import auth_router, me_router
from app.articles.router import router as articles_router
from app.collections.router import router as collections_router
from app.crisis.router import router as crisis_router
from app.editorial.router import router as editorial_router
from app.home.router import router as home_router
from app.media.router import router as media_router
from app.partners.router import router as partners_router
from app.progress.router import router as progress_router
from app.search.router import router as search_router
from app.sync.router import router as sync_router
from app.taxonomy.router import router as taxonomy_router
from app.tracks.router import router as tracks_router

API_ROUTERS = [
    articles_router,
    tracks_router,
    collections_router,
    taxonomy_router,
    search_router,
    home_router,
    crisis_router,
    auth_router,
    me_router,
    progress_router,
    sync_router,
    partners_router,
    editorial_router,
    media_router,
]
