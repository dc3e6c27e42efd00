#!/usr/bin/env bash
# Installs what sameas needs on a fresh Debian machine, and nothing when it is all there:
# the Debian -dev packages, a .venv at the repository root with the build tools and the
# sameas package built from this checkout. Sourced by demo.sh and test.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"

log() { echo "[setup] $*" >&2; }

DEBIAN_PACKAGES=(
  build-essential cmake ninja-build pkg-config python3-venv python3-dev
  libabsl-dev libfmt-dev libeigen3-dev libboost-dev libicu-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev libbenchmark-dev libhwy-dev libphonenumber-dev libgomp1
)

install_debian_packages() {
  local missing=()
  for p in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Build and test tools, and the package's own dependencies; reinstalled only when this list
# changes.
PYTHON_PACKAGES="pip>=23 scikit-build-core>=0.8 pybind11>=2.11 cmake>=3.22 ninja numpy pandas pyarrow matplotlib pytest"
TEST_PACKAGES="rapidfuzz jellyfish"
# Peers that benchmarks/peers and benchmarks/social_linking.py run beside sameas (and its test,
# on fake_1000); never imported by the package itself.
BENCH_PACKAGES="splink duckdb"
# recordlinkage needs pandas 2 and dedupe needs BTrees 5, so they live in a venv of their own,
# made only when asked: SAMEAS_PEERS_VENV=1 scripts/setup.sh
PEERS_VENV="$ROOT/.venv-peers"
PEERS_PACKAGES="recordlinkage dedupe BTrees<6 pyarrow"

make_venv() {
  local python="${PYTHON:-python3}"
  if [ ! -x "$PY" ]; then
    log "creating $VENV"
    "$python" -m venv "$VENV"
  fi
  local stamp="$VENV/.sameas-requirements"
  local want="$PYTHON_PACKAGES $TEST_PACKAGES $BENCH_PACKAGES"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    log "installing Python packages into $VENV"
    "$PY" -m pip install -q --upgrade $PYTHON_PACKAGES $TEST_PACKAGES $BENCH_PACKAGES
    echo "$want" > "$stamp"
  fi
}

make_peers_venv() {
  [ "${SAMEAS_PEERS_VENV:-0}" = 1 ] || return 0
  local python="${PYTHON:-python3}"
  [ -x "$PEERS_VENV/bin/python" ] || "$python" -m venv "$PEERS_VENV"
  local stamp="$PEERS_VENV/.sameas-requirements"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$PEERS_PACKAGES" ]; then
    log "installing recordlinkage and dedupe into $PEERS_VENV"
    # shellcheck disable=SC2086
    "$PEERS_VENV/bin/python" -m pip install -q $PEERS_PACKAGES
    echo "$PEERS_PACKAGES" > "$stamp"
  fi
}

# A hash of everything that goes into the package: rebuild only when it changed.
source_hash() {
  (cd "$ROOT" && find CMakeLists.txt pyproject.toml cmake include lib bindings -type f \
      -not -path '*/__pycache__/*' -print0 | sort -z | xargs -0 sha1sum | sha1sum | cut -d' ' -f1)
}

install_package() {
  local stamp="$VENV/.sameas-source"
  local hash
  hash="$(source_hash)"
  if [ "$(cat "$stamp" 2>/dev/null)" = "$hash" ] && "$PY" -c "import sameas._core" 2>/dev/null; then
    return 0
  fi
  log "building and installing the sameas package (C++ core through scikit-build-core)"
  # No build isolation: the build tools are in the venv already, and the build directory
  # (build/<wheel tag>) is kept so that a rebuild compiles only what changed.
  CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}" \
    "$PY" -m pip install -q --no-build-isolation --no-deps "$ROOT"
  echo "$hash" > "$stamp"
}

install_debian_packages
make_venv
make_peers_venv
install_package
export PATH="$VENV/bin:$PATH"
