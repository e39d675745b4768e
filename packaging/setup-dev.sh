#!/usr/bin/env bash
# Set up a HoSo development machine; run by `make run`, `make test`, `make lint`, `make bench`.
#   1. Debian packages listed in packaging/debian-packages.txt: installed with apt-get when
#      some are missing and we are root; otherwise the missing ones are listed.
#   2. A virtual environment (.venv, or $VENV) made with the first of python3.13, python3.12,
#      python3.11, python3 that is Python >= 3.11 ($HOSO_PYTHON, if set, is tried first).
#   3. `pip install -e '.[dev]'` into it, redone only when pyproject.toml is newer than the
#      stamp file inside the venv.
# A machine that is already set up gets no network call. HOSO_SKIP_APT=1 skips step 1.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
VENV=${VENV:-.venv}
PACKAGE_LIST=packaging/debian-packages.txt
STAMP="$VENV/.hoso-dev-installed"

say() { printf 'setup-dev: %s\n' "$*"; }
die() { printf 'setup-dev: error: %s\n' "$*" >&2; exit 1; }

# --- 1. Debian packages ------------------------------------------------------------------
install_debian_packages() {
    if [ "${HOSO_SKIP_APT:-0}" = 1 ]; then
        return 0
    fi
    if ! command -v dpkg-query >/dev/null 2>&1; then
        say "no dpkg-query (not Debian?): make sure the equivalents of $PACKAGE_LIST are installed"
        return 0
    fi
    local wanted=() missing=() name
    mapfile -t wanted < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' "$PACKAGE_LIST" | grep -v '^$')
    for name in "${wanted[@]}"; do
        if ! dpkg-query -W -f='${Status}\n' "$name" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$name")
        fi
    done
    if [ "${#missing[@]}" -eq 0 ]; then
        return 0
    fi
    if [ "$(id -u)" -eq 0 ]; then
        say "installing missing Debian packages: ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q </dev/null
        apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
    else
        say "WARNING: missing Debian packages (not root, so not installing): ${missing[*]}"
        say "  install them with: sudo apt-get install --no-install-recommends ${missing[*]}"
    fi
}

# --- 2. Python and the virtual environment ------------------------------------------------
python_is_recent() {  # usage: python_is_recent EXECUTABLE
    "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' >/dev/null 2>&1
}

find_python() {
    local candidate
    for candidate in ${HOSO_PYTHON:-} python3.13 python3.12 python3.11 python3; do
        # command -v alone is not enough: a pyenv shim exists even where it cannot run.
        if command -v "$candidate" >/dev/null 2>&1 && python_is_recent "$candidate"; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

make_venv() {
    if [ -e "$VENV" ]; then
        if [ -x "$VENV/bin/python" ] && python_is_recent "$VENV/bin/python"; then
            return 0
        fi
        say "$VENV is broken or older than Python 3.11: recreating it"
        rm -rf "$VENV"
    fi
    local python
    python=$(find_python) || die "HoSo needs Python >= 3.11, and none of python3.13, python3.12, \
python3.11, python3 on PATH is one. Install Python 3.11 or newer (Debian 12: apt-get install \
python3 python3-venv), or set HOSO_PYTHON to its path."
    say "creating $VENV with $python ($("$python" -c 'import sys; print(sys.version.split()[0])'))"
    "$python" -m venv "$VENV" || die "could not create $VENV with $python; on Debian install \
the venv module: apt-get install python3-venv"
}

# --- 3. The project and its dev tools -------------------------------------------------------
install_project() {
    if [ -f "$STAMP" ] && [ ! pyproject.toml -nt "$STAMP" ]; then
        return 0
    fi
    say "installing HoSo and its dev tools into $VENV: pip install -e '.[dev]'"
    PIP_DISABLE_PIP_VERSION_CHECK=1 "$VENV/bin/python" -m pip install --progress-bar off -e '.[dev]'
    touch "$STAMP"
}

install_debian_packages
make_venv
install_project
