# syntax=docker/dockerfile:1
# One image serves the API and the built UI on one port.

# --- build the web UI -------------------------------------------------------
FROM node:20-slim AS ui
WORKDIR /build/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
# vite writes the bundle to ../src/jobtracker/static
RUN npm run build

# --- the Python application ---------------------------------------------------
FROM python:3.11-slim AS app
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    APP_ENV=production \
    DATA_DIR=/data \
    WEB_CONCURRENCY=2
RUN useradd --create-home --uid 10001 jobtracker \
    && mkdir -p /data && chown jobtracker:jobtracker /data
# Backups and any SQLite file live here; a new named volume takes this directory's owner.
VOLUME ["/data"]
WORKDIR /app
# The locked versions, checked against their hashes, in a layer of their own: rebuilt only
# when the lock changes (`make lock`), never by whatever a registry serves on the build day.
COPY requirements/app.txt ./requirements/app.txt
RUN pip install --require-hashes -r requirements/app.txt
COPY pyproject.toml README.md ./
COPY src ./src
COPY --from=ui /build/src/jobtracker/static ./src/jobtracker/static
RUN pip install --no-deps . && pip check && rm -rf /root/.cache
USER jobtracker
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["python", "-m", "jobtracker", "healthcheck"]
# Waits for the database, applies migrations, then serves with WEB_CONCURRENCY workers.
CMD ["python", "-m", "jobtracker", "serve", "--host", "0.0.0.0", "--port", "8000"]
