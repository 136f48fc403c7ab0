"""Settings read from the environment (and an optional `.env` file).

Defaults make `make run` work on a fresh machine; production refuses to start with them.
"""

from functools import lru_cache
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_SECRET_KEY = "dev-only-secret-change-me-0123456789abcdef"  # noqa: S105 - refused in production


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = "sqlite+aiosqlite:///./smart_meditation.db"
    redis_url: str | None = None
    # Signs cursors today; tokens and sync cursors later.
    secret_key: str = DEFAULT_SECRET_KEY
    cors_origins: list[str] = Field(default_factory=list)
    cors_allow_credentials: bool = False
    host: str = "127.0.0.1"
    port: int = 8000
    web_concurrency: int = 1
    log_level: str = "info"
    # How uvicorn treats slow or greedy clients (`python -m app.cli serve`; the Dockerfile
    # passes the same). An idle keep-alive connection is closed after this long: behind a
    # load balancer, set it above the balancer's idle timeout, or it races the balancer's
    # reuse of the connection (a 502 now and then).
    keep_alive_timeout_seconds: int = Field(default=5, ge=1, le=3600)
    # Connections plus in-flight requests per worker; past it uvicorn answers 503 at once
    # instead of queueing (a flood of slow clients cannot hold every worker's memory).
    limit_concurrency: int | None = Field(default=1000, ge=1)
    # Connections the kernel queues before the process accepts them (listen backlog).
    backlog: int = Field(default=2048, ge=1)
    # "auto" is httptools when installed (fast; it bounds neither header size nor count, so
    # serve it behind a proxy that does); "h11" bounds a request's head to
    # `h11_max_incomplete_event_size` bytes.
    http_implementation: Literal["auto", "httptools", "h11"] = "auto"
    h11_max_incomplete_event_size: int = Field(default=16 * 1024, ge=1024)
    # Every request body is refused past this (413) while it streams in; media uploads have
    # their own, larger limits below.
    max_request_body_bytes: int = Field(default=1024 * 1024, ge=1)
    # Public content may be cached this long by clients and CDNs.
    content_max_age_seconds: int = 60
    content_stale_while_revalidate_seconds: int = 300
    sql_echo: bool = False
    # FastAPI's OpenTelemetry spans, metrics and logs, sent to the providers OpenTelemetry is
    # configured with (e.g. by `opentelemetry-instrument` or FASTAPI_OTEL_AUTO_CONFIGURE).
    opentelemetry: bool = False
    # How often each process re-reads the content version, to notice other instances'
    # changes and scheduled items going live; its own commits invalidate at once.
    content_version_poll_seconds: float = Field(default=1.0, ge=0, le=86_400)
    response_cache_max_entries: int = Field(default=5000, ge=0)
    response_cache_max_bytes: int = Field(default=64 * 1024 * 1024, ge=0)
    # Anonymous GraphQL results kept per process (0: none), for queries the response cache
    # does not answer (POSTs larger than it reads, partners' keys).
    graphql_result_cache_max_entries: int = Field(default=1000, ge=0)
    # List items (article summaries) kept per content version, model and JSON: ~4.3 kB of
    # resident memory each (measured at 5,000 entries: 21 MB), so 1,000 is ~4 MB per worker,
    # 50 pages of 20.
    fragment_cache_max_entries: int = Field(default=1000, ge=0)

    # Sign-in tokens. Access tokens are short-lived JWTs; refresh tokens rotate on every use.
    jwt_issuer: str = "smart-meditation-api"
    jwt_audience: str = "smart-meditation-app"
    access_token_minutes: int = Field(default=15, ge=1, le=15)
    refresh_token_days: int = Field(default=30, ge=1, le=365)
    # A rotated refresh token presented again within this window is treated as a retry after
    # a lost response, not as theft.
    refresh_reuse_grace_seconds: int = Field(default=30, ge=0, le=300)
    # Failed sign-ins allowed per window before 429, per account and per client address.
    sign_in_failures_per_account: int = 5
    sign_in_failures_per_ip: int = 20
    sign_in_window_seconds: int = 900
    # Partners: verified API keys are remembered this long (revocation elsewhere takes effect
    # within it); webhooks are dispatched this often by every process (0 turns it off).
    api_key_cache_seconds: float = Field(default=30, ge=0, le=3600)
    webhook_dispatch_interval_seconds: float = Field(default=5, ge=0, le=3600)
    # Webhook URLs resolving to private or loopback addresses are refused in production.
    webhook_allow_private_addresses: bool | None = None
    # Reported session times may be this far in the future (device clocks drift).
    clock_skew_seconds: int = 300

    # Uploaded media (app/media). The bytes live under `media_root`, or in an S3-compatible
    # bucket when `media_s3_bucket` is set (credentials from the standard AWS variables).
    media_root: str = "./media"
    media_max_audio_bytes: int = Field(default=200 * 1024 * 1024, ge=1)
    media_max_image_bytes: int = Field(default=10 * 1024 * 1024, ge=1)
    media_s3_bucket: str | None = None
    media_s3_endpoint_url: str | None = None
    media_s3_region: str | None = None
    # Multipart upload part size; S3 requires at least 5 MiB for every part but the last.
    media_s3_part_bytes: int = Field(default=8 * 1024 * 1024, ge=5 * 1024 * 1024)

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    @property
    def webhooks_may_reach_private_addresses(self) -> bool:
        if self.webhook_allow_private_addresses is not None:
            return self.webhook_allow_private_addresses
        return not self.is_production

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @model_validator(mode="after")
    def refuse_unsafe_production(self) -> "Settings":
        if not self.is_production:
            return self
        problems = []
        if self.secret_key == DEFAULT_SECRET_KEY or len(self.secret_key) < 32:
            problems.append("SECRET_KEY must be set to a random value of at least 32 characters")
        if "*" in self.cors_origins and self.cors_allow_credentials:
            problems.append("CORS_ORIGINS='*' cannot be combined with CORS_ALLOW_CREDENTIALS")
        if problems:
            raise ValueError("refusing to start in production: " + "; ".join(problems))
        return self


@lru_cache
def get_settings() -> Settings:
    return Settings()
