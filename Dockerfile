FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
RUN useradd --create-home --uid 10001 dossier

COPY pyproject.toml README.md ./
COPY bot ./bot
COPY search ./search
RUN pip install .

COPY config ./config
COPY seeds ./seeds
RUN mkdir -p var && chown dossier:dossier var

USER dossier
ENTRYPOINT ["dossier"]
CMD ["run"]
