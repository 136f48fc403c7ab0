#!/bin/sh
# Bring the database to the newest migration, then run the container's command.
# Set SEED_DEMO_CONTENT=1 to load the demo catalogue into an empty database.
set -eu
python -m app.cli migrate
# Crisis helplines are not demo content: every deployment loads them (idempotent).
python -m app.cli seed-crisis-resources
if [ "${SEED_DEMO_CONTENT:-0}" = "1" ]; then
    python -m app.cli seed --if-empty
fi
exec "$@"
