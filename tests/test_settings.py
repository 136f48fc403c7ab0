"""Settings: development works out of the box; production refuses the unsafe defaults."""

import pytest
from pydantic import ValidationError

from app.core.config import DEFAULT_SECRET_KEY, Settings

STRONG_SECRET = "k3Jx9-q2mZ7w0vR4tY8uP1sD6fG5hA3L"  # 32 characters


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only what a test sets reaches Settings: no variables and no .env file."""
    for name in ("ENVIRONMENT", "SECRET_KEY", "CORS_ORIGINS", "CORS_ALLOW_CREDENTIALS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setitem(Settings.model_config, "env_file", None)


def test_development_accepts_the_defaults() -> None:
    settings = Settings()

    assert settings.environment == "development"
    assert settings.secret_key == DEFAULT_SECRET_KEY
    assert not settings.is_production


def test_production_refuses_the_default_secret_key() -> None:
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        Settings(environment="production")


def test_production_refuses_a_short_secret_key() -> None:
    with pytest.raises(ValidationError, match="at least 32 characters"):
        Settings(environment="production", secret_key="too-short")


def test_production_accepts_a_strong_secret_key() -> None:
    settings = Settings(environment="production", secret_key=STRONG_SECRET)

    assert settings.is_production


def test_production_refuses_any_origin_with_credentials() -> None:
    with pytest.raises(ValidationError, match="CORS_ORIGINS"):
        Settings(
            environment="production",
            secret_key=STRONG_SECRET,
            cors_origins=["*"],
            cors_allow_credentials=True,
        )


def test_production_reports_every_problem_at_once() -> None:
    with pytest.raises(ValidationError) as raised:
        Settings(environment="production", cors_origins=["*"], cors_allow_credentials=True)

    assert "SECRET_KEY" in str(raised.value)
    assert "CORS_ORIGINS" in str(raised.value)


@pytest.mark.parametrize(
    ("origins", "credentials"),
    [(["*"], False), (["https://app.example.org"], True), ([], False)],
)
def test_production_accepts_safe_cors(origins: list[str], credentials: bool) -> None:
    settings = Settings(
        environment="production",
        secret_key=STRONG_SECRET,
        cors_origins=origins,
        cors_allow_credentials=credentials,
    )

    assert settings.cors_origins == origins


def test_production_read_from_the_environment_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("CORS_ORIGINS", '["*"]')
    monkeypatch.setenv("CORS_ALLOW_CREDENTIALS", "true")

    with pytest.raises(ValidationError, match="refusing to start in production"):
        Settings()

    monkeypatch.setenv("SECRET_KEY", STRONG_SECRET)
    monkeypatch.setenv("CORS_ORIGINS", '["https://app.example.org"]')
    settings = Settings()
    assert settings.is_production
    assert settings.cors_origins == ["https://app.example.org"]


def test_development_allows_what_production_refuses() -> None:
    settings = Settings(environment="development", cors_origins=["*"], cors_allow_credentials=True)

    assert settings.cors_allow_credentials
