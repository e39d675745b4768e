#!/usr/bin/env bash
# Build the Linux bundle of HoSo: `make dist` runs this.
#   1. packaging/setup-dev.sh (Debian libraries, .venv, `pip install -e '.[dev]'`); binutils
#   2. `pip install -e '.[dev,dist]'` (PyInstaller), redone only when pyproject.toml changes
#   3. PyInstaller with packaging/hoso.spec -> dist/HoSo/ (one folder; the program is dist/HoSo/hoso)
#   4. dist/HoSo-<version>-linux-x86_64.tar.gz, the version read from desktop/__init__.py
# Prints the build time and the sizes of the folder and the archive.
# HOSO_NO_TRIM=1 builds the untrimmed bundle (for measuring what the trimming saves).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
VENV=${VENV:-.venv}
STAMP="$VENV/.hoso-dist-installed"
say() { printf 'build-linux: %s\n' "$*"; }

VENV="$VENV" bash packaging/setup-dev.sh
# PyInstaller reads ELF files with objdump and the spec strips libraries with strip (binutils).
if ! command -v objdump >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "installing binutils (objdump, strip) for PyInstaller"
        DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends binutils </dev/null
    else
        echo "build-linux: PyInstaller needs objdump: install binutils (apt-get install binutils)" >&2
        exit 1
    fi
fi
if [ ! -f "$STAMP" ] || [ pyproject.toml -nt "$STAMP" ]; then
    say "installing the dist extra into $VENV: pip install -e '.[dev,dist]'"
    PIP_DISABLE_PIP_VERSION_CHECK=1 "$VENV/bin/python" -m pip install --progress-bar off -e '.[dev,dist]'
    touch "$STAMP"
fi

VERSION=$(sed -n 's/^__version__ *= *["'\'']\([^"'\'']*\)["'\''].*/\1/p' desktop/__init__.py)
[ -n "$VERSION" ] || { echo "build-linux: no __version__ in desktop/__init__.py" >&2; exit 1; }
ARCH=$(uname -m)
ARCHIVE="dist/HoSo-$VERSION-linux-$ARCH.tar.gz"

say "building HoSo $VERSION with PyInstaller ($("$VENV/bin/pyinstaller" --version))"
start=$(date +%s)
rm -rf dist/HoSo build/hoso "$ARCHIVE"
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build packaging/hoso.spec
built=$(date +%s)

# The archive unpacks to HoSo-<version>/ so that two versions can sit side by side.
tar -C dist --transform "s,^HoSo,HoSo-$VERSION," -czf "$ARCHIVE" HoSo
done_at=$(date +%s)

say "built in $((built - start)) s, archived in $((done_at - built)) s"
say "bundle:  dist/HoSo  $(du -sh dist/HoSo | cut -f1)  (program: dist/HoSo/hoso)"
say "archive: $ARCHIVE  $(du -sh "$ARCHIVE" | cut -f1)"
