# syntax=docker/dockerfile:1
# API image for the scrutiny recommendation tracker (binary: scrutiny).
#   docker build -t scrutiny .
#   docker run --rm -p 8080:8080 -e DATABASE_URL=... -e SCRUTINY_JWT_SECRET=... scrutiny
# The API serves the built frontend (frontend/dist) at /.

# ---- build -------------------------------------------------------------------
# Cargo.lock pins crates that need Rust >= 1.89 (actix-web 4.18, uuid 1.29), so 1.85 is too old.
FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
COPY . .
# Cache mounts keep the registry and target/ between builds; the binary is copied out
# of the cached target/ in the same step.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release -p scrutiny-server --locked \
 && install -m 0755 target/release/scrutiny /usr/local/bin/scrutiny

# ---- frontend ----------------------------------------------------------------
FROM node:20-bookworm-slim AS frontend
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci
COPY openapi /src/openapi
COPY frontend/ ./
RUN npm run build

# ---- runtime -----------------------------------------------------------------
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system scrutiny \
 && useradd --system --gid scrutiny --home-dir /app --shell /usr/sbin/nologin scrutiny \
 && mkdir -p /app && chown scrutiny:scrutiny /app
COPY --from=build /usr/local/bin/scrutiny /usr/local/bin/scrutiny
COPY --from=frontend /src/frontend/dist /app/frontend/dist
WORKDIR /app
USER scrutiny
ENV SCRUTINY_BIND=0.0.0.0:8080
ENV SCRUTINY_STATIC_DIR=/app/frontend/dist
EXPOSE 8080
# No HEALTHCHECK: the slim image has no curl/wget to probe with.
ENTRYPOINT ["scrutiny"]
CMD ["serve"]
