#!/usr/bin/env bash
# Idempotent set-up of a Debian 12 machine (run as root, as CI does).
#   scripts/setup.sh run    system libraries + .venv           (for `make run`)
#   scripts/setup.sh test   the above + PostgreSQL, Redis, Chromium, started (for `make test`)
# Every step checks first and does nothing when already done. Never runs `playwright install`:
# browser tests use Debian's /usr/bin/chromium.
set -euo pipefail

TARGET="${1:-run}"
case "$TARGET" in
  run | test) ;;
  *) echo "usage: $0 [run|test]" >&2; exit 2 ;;
esac

cd "$(dirname "$0")/.."
ROOT="$(pwd)"

say() { printf '==> %s\n' "$*"; }
die() { printf 'setup.sh: ERROR: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root to run: $*"
  fi
}

# --- 1. Debian packages -------------------------------------------------------------------------
PACKAGES=(python3-venv python3-dev build-essential libpango-1.0-0 libpangoft2-1.0-0
          libharfbuzz-subset0 fonts-dejavu-core poppler-utils gettext)
if [ "$TARGET" = test ]; then
  PACKAGES+=(postgresql redis-server chromium)
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed'; then
    missing+=("$pkg")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  say "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq || die "apt-get update failed"
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    || die "apt-get install failed: ${missing[*]}"
else
  say "Debian packages: all present"
fi

# --- 2. Python virtualenv -----------------------------------------------------------------------
PYTHON="$(command -v python3 || true)"
[ -n "$PYTHON" ] || PYTHON=/usr/bin/python3
[ -x "$PYTHON" ] || die "no python3 found"

# A venv whose interpreter no longer runs (its base Python was removed) is rebuilt.
if [ -d .venv ] && ! .venv/bin/python -c 'import sys' >/dev/null 2>&1; then
  say "Removing broken .venv"
  rm -rf .venv
fi
if [ ! -x .venv/bin/python ]; then
  say "Creating .venv with $PYTHON ($("$PYTHON" --version 2>&1))"
  "$PYTHON" -m venv .venv || die "python3 -m venv failed"
fi

STAMP=.venv/.installed
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
have="$(cat "$STAMP" 2>/dev/null || true)"
if [ "$want" != "$have" ]; then
  say "Installing Python dependencies (pyproject.toml changed since last install)"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]' \
    || die "pip install -e '.[dev]' failed"
  echo "$want" >"$STAMP"
else
  say "Python dependencies: up to date"
fi

if [ "$TARGET" = run ]; then
  say "Set-up for 'run' done"
  exit 0
fi

# --- 3. PostgreSQL ------------------------------------------------------------------------------
PG_VERSION="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n1)"
[ -n "$PG_VERSION" ] || die "no PostgreSQL cluster under /etc/postgresql"
if ! pg_isready -q -h 127.0.0.1; then
  say "Starting PostgreSQL $PG_VERSION"
  as_root pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main start \
    || die "could not start PostgreSQL $PG_VERSION"
  for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
  pg_isready -q -h 127.0.0.1 || die "PostgreSQL did not come up on 127.0.0.1:5432"
else
  say "PostgreSQL: running"
fi

pg_ok() { psql -w -h 127.0.0.1 -U postgres -d postgres -tAc 'select 1' >/dev/null 2>&1; }
if ! pg_ok; then
  HBA="/etc/postgresql/$PG_VERSION/main/pg_hba.conf"
  say "Allowing role postgres over TCP 127.0.0.1 (trust) in $HBA"
  # First matching line wins, so the rule goes on top.
  as_root sed -i '1i host all all 127.0.0.1/32 trust' "$HBA"
  as_root pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main reload
  for _ in $(seq 10); do pg_ok && break; sleep 1; done
  pg_ok || die "psql -w -h 127.0.0.1 -U postgres still fails after editing $HBA"
fi

if [ "$(psql -w -h 127.0.0.1 -U postgres -d postgres -tAc \
       "select 1 from pg_database where datname = 'imp_smart'")" != 1 ]; then
  say "Creating database imp_smart"
  createdb -w -h 127.0.0.1 -U postgres imp_smart || die "createdb imp_smart failed"
fi
say "PostgreSQL: role postgres connects on 127.0.0.1:5432"

# --- 4. Redis -----------------------------------------------------------------------------------
if ! redis-cli -h 127.0.0.1 ping 2>/dev/null | grep -q PONG; then
  say "Starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /tmp >/dev/null || die "could not start redis-server"
  for _ in $(seq 20); do redis-cli -h 127.0.0.1 ping 2>/dev/null | grep -q PONG && break; sleep 0.5; done
  redis-cli -h 127.0.0.1 ping 2>/dev/null | grep -q PONG || die "Redis does not answer on 6379"
else
  say "Redis: running"
fi

# --- 5. Chromium --------------------------------------------------------------------------------
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium missing (Debian package chromium)"
say "Chromium: $(/usr/bin/chromium --version 2>/dev/null || echo present)"

mkdir -p "${ARTIFACTS_DIR:-$ROOT/artifacts}"
say "Set-up for 'test' done"
