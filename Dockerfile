# Smart Meditation content API. Build: docker build -t smart-meditation-api .
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HOST=0.0.0.0 \
    PORT=8000 \
    WEB_CONCURRENCY=2 \
    DATABASE_URL=sqlite+aiosqlite:////data/smart_meditation.db

WORKDIR /srv

RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --home-dir /srv app \
    && mkdir /data && chown 10001:10001 /data

# Dependencies first: this layer is rebuilt only when pyproject.toml changes.
COPY pyproject.toml README.md ./
RUN mkdir app && touch app/__init__.py \
    && pip install . \
    && pip uninstall --yes smart-meditation-api \
    && rm -rf app

COPY alembic.ini ./
COPY migrations ./migrations
COPY app ./app
COPY scripts/prestart.sh ./scripts/prestart.sh

USER 10001:10001
EXPOSE 8000
VOLUME ["/data"]

HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), timeout=2)"]

# Migrations run as a separate pre-start step, then uvicorn with WEB_CONCURRENCY workers and
# the timeouts and limits of app/core/config.py (app.cli.uvicorn_options), read from the
# environment like every other setting.
ENTRYPOINT ["/srv/scripts/prestart.sh"]
CMD ["python", "-m", "app.cli", "serve", "--no-prepare"]
