"""Checks that run the real server: crash safety (`python -m verify.crash`)."""
