# shellcheck shell=bash
# Helpers shared by scripts/run and scripts/test. Source it; do not execute it.
#
# Knobs (environment):
#   DATABASE_URL   PostgreSQL URL (default postgres://postgres@127.0.0.1:5432/scrutiny)

: "${DATABASE_URL:=postgres://postgres@127.0.0.1:5432/scrutiny}"
export DATABASE_URL

banner() {
  printf '\n==== %s ====\n' "$*"
}

info() {
  printf '%s\n' "$*"
}

warn() {
  printf 'warning: %s\n' "$*" >&2
}

die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

have() {
  command -v "$1" >/dev/null 2>&1
}

is_root() {
  [ "$(id -u)" -eq 0 ]
}

# Install Debian packages when we are root and apt-get exists. Returns non-zero otherwise.
apt_install() {
  is_root && have apt-get || return 1
  local log rc=0
  log="$(mktemp)"
  info "apt-get install $* (log: $log) ..."
  if [ -z "${_SCRUTINY_APT_UPDATED:-}" ]; then
    apt-get update -qq >"$log" 2>&1 || rc=$?
    _SCRUTINY_APT_UPDATED=1
  fi
  if [ "$rc" -eq 0 ]; then
    # NEEDRESTART_SUSPEND: never let needrestart restart the machine's services.
    DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1 \
      apt-get install -y -qq "$@" >>"$log" 2>&1 || rc=$?
  fi
  if [ "$rc" -ne 0 ]; then
    tail -n 30 "$log" >&2
  else
    rm -f "$log"
  fi
  return "$rc"
}

# Split DATABASE_URL into PG_HOST / PG_PORT / PG_DBNAME.
# Handles postgres://user:pass@host:port/db?opts, [ipv6] hosts and missing parts.
parse_database_url() {
  local url="$1" rest authority hostport path
  rest="${url#*://}"
  authority="${rest%%/*}"
  authority="${authority%%\?*}"
  if [ "$authority" = "$rest" ]; then
    path=""
  else
    path="${rest#*/}"
  fi
  hostport="${authority##*@}"
  if [ "${hostport#\[}" != "$hostport" ]; then
    # [ipv6]:port
    PG_HOST="${hostport#\[}"
    PG_HOST="${PG_HOST%%\]*}"
    PG_PORT="${hostport##*\]}"
    PG_PORT="${PG_PORT#:}"
  else
    PG_HOST="${hostport%%:*}"
    if [ "$hostport" != "$PG_HOST" ]; then
      PG_PORT="${hostport##*:}"
    else
      PG_PORT=""
    fi
  fi
  PG_DBNAME="${path%%\?*}"
  : "${PG_HOST:=127.0.0.1}"
  : "${PG_PORT:=5432}"
  : "${PG_DBNAME:=postgres}"
}

# 0 when PostgreSQL at PG_HOST:PG_PORT accepts connections.
# shellcheck disable=SC2016 # $1/$2 expand in the child bash, on purpose
pg_probe() {
  if have pg_isready; then
    pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 3
  elif have timeout; then
    timeout 3 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$PG_HOST" "$PG_PORT" 2>/dev/null
  else
    bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$PG_HOST" "$PG_PORT" 2>/dev/null
  fi
}

pg_is_local() {
  case "$PG_HOST" in
    127.0.0.1 | localhost | ::1 | /*) return 0 ;;
    *) return 1 ;;
  esac
}

pg_wait() {
  local tries="${1:-30}" i
  for ((i = 0; i < tries; i++)); do
    pg_probe && return 0
    sleep 1
  done
  return 1
}

pg_unreachable_help() {
  cat >&2 <<MSG
error: PostgreSQL is not reachable at ${PG_HOST}:${PG_PORT} (DATABASE_URL=${DATABASE_URL}).

Start it in one of these ways, then run this command again:
  * Debian/Ubuntu, installed locally:
        sudo apt-get install -y postgresql        # if it is not installed yet
        sudo pg_ctlcluster <version> main start   # or: sudo systemctl start postgresql
    (the default URL expects user 'postgres' with trust auth on 127.0.0.1;
     otherwise set DATABASE_URL=postgres://USER:PASSWORD@HOST:PORT/scrutiny)
  * Docker (needs a running Docker engine):
        docker-compose up -d db
        export DATABASE_URL=postgres://postgres:\${POSTGRES_PASSWORD:-scrutiny}@127.0.0.1:5432/scrutiny
MSG
  exit 1
}

# Make sure PostgreSQL from DATABASE_URL answers; start a local Debian cluster if we can.
ensure_postgres() {
  parse_database_url "$DATABASE_URL"
  if pg_probe; then
    info "PostgreSQL is reachable at ${PG_HOST}:${PG_PORT}."
    return 0
  fi
  if pg_is_local && have pg_ctlcluster && [ -d /etc/postgresql ] \
    && [ -n "$(ls -A /etc/postgresql 2>/dev/null)" ]; then
    local version
    # shellcheck disable=SC2012 # version directories are plain names like "15"
    version="$(ls /etc/postgresql | head -1)"
    info "PostgreSQL is not answering at ${PG_HOST}:${PG_PORT}; starting cluster ${version}/main ..."
    if pg_ctlcluster --skip-systemctl-redirect "$version" main start; then
      if pg_wait 30; then
        info "PostgreSQL is up."
        return 0
      fi
    else
      warn "pg_ctlcluster could not start ${version}/main (are you root or the postgres user?)"
    fi
  fi
  pg_unreachable_help
}

# Create the database named in DATABASE_URL when it is missing (best effort: needs psql
# and a role allowed to create databases; otherwise the application reports the error).
ensure_database() {
  parse_database_url "$DATABASE_URL"
  have psql || return 0
  case "$PG_DBNAME" in
    '' | postgres | template0 | template1) return 0 ;;
  esac
  case "$PG_DBNAME" in
    *[!A-Za-z0-9_]*)
      warn "not checking database '${PG_DBNAME}': unusual name"
      return 0
      ;;
  esac
  # Same URL but pointing at the maintenance database.
  local admin_url="${DATABASE_URL%%\?*}"
  admin_url="${admin_url%/*}/postgres"
  local exists
  if ! exists="$(psql "$admin_url" -XAtq -v ON_ERROR_STOP=1 \
    -c "SELECT 1 FROM pg_database WHERE datname = '${PG_DBNAME}'" 2>/dev/null)"; then
    warn "could not query PostgreSQL as in DATABASE_URL to check database '${PG_DBNAME}'"
    return 0
  fi
  if [ "$exists" != "1" ]; then
    info "Creating database ${PG_DBNAME} ..."
    psql "$admin_url" -XAtq -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"${PG_DBNAME}\"" \
      || die "could not create database '${PG_DBNAME}'; create it yourself or change DATABASE_URL"
  fi
}

ensure_cargo() {
  have cargo && return 0
  if [ -x "${CARGO_HOME:-$HOME/.cargo}/bin/cargo" ]; then
    PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
    export PATH
    return 0
  fi
  die "cargo was not found. Install Rust (1.89 or newer) with rustup:
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh
  then open a new shell (or run: . \"\$HOME/.cargo/env\") and try again."
}

ensure_npm() {
  have npm && return 0
  die "npm was not found but frontend/ needs it. Install Node.js 20 and npm
  (Debian: sudo apt-get install -y nodejs npm, or from nodejs.org) and try again."
}

# npm ci when a lockfile exists, npm install otherwise. Run inside frontend/.
npm_install() {
  if [ -f package-lock.json ] || [ -f npm-shrinkwrap.json ]; then
    npm ci --no-audit --no-fund
  else
    npm install --no-audit --no-fund
  fi
}

# Drops the per-test databases (t_<uuid>), test templates and end-to-end databases that an
# interrupted run left behind.
# The test suite makes a fresh template from the current migrations when it starts.
drop_stale_test_databases() {
  have psql || return 0
  local admin_url="${TEST_DATABASE_URL%%\?*}"
  admin_url="${admin_url%/*}/postgres"
  local stmt
  psql "$admin_url" -XAtq -c "SELECT format('DROP DATABASE %I WITH (FORCE)', datname) FROM pg_database
      WHERE datname ~ '^t_[0-9a-f]{32}$' OR datname ~ '^scrutiny_tmpl_' OR datname ~ '^scrutiny_e2e_'" 2>/dev/null |
    while read -r stmt; do
      psql "$admin_url" -XAtq -c "$stmt" >/dev/null 2>&1 || true
    done
}
