"""The /v1 API: every domain's router, in one place."""

from fastapi import APIRouter

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

api_router = APIRouter()
api_router.include_router(articles_router)
api_router.include_router(tracks_router)
api_router.include_router(collections_router)
api_router.include_router(taxonomy_router)
api_router.include_router(search_router)
api_router.include_router(home_router)
api_router.include_router(crisis_router)
api_router.include_router(auth_router)
api_router.include_router(me_router)
api_router.include_router(progress_router)
api_router.include_router(sync_router)
api_router.include_router(partners_router)
api_router.include_router(editorial_router)
api_router.include_router(media_router)
