FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DOSSIER_WEB_HOST=0.0.0.0 \
    DOSSIER_WEB_PORT=8080

WORKDIR /app
RUN useradd --create-home --uid 10001 dossier

# The pinned, hash-checked packages first (a layer that outlives code changes), setuptools among them;
# then the project alone, built with that setuptools.
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY search ./search
RUN pip install --no-deps --no-build-isolation . && rm -rf build *.egg-info

COPY config ./config
COPY seeds ./seeds
RUN mkdir -p var && chown dossier:dossier var

USER dossier
EXPOSE 8080
# Healthy once a corpus is loaded and the page answers (the slim image has no curl).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('DOSSIER_WEB_PORT', '8080') + '/healthz', timeout=4)"]
ENTRYPOINT ["dossier"]
CMD ["run"]
