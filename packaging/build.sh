#!/usr/bin/env bash
# Build the one-folder app (dist/ClaimDesk/) with PyInstaller from packaging/claimdesk.spec.
#
#   packaging/build.sh [WHEEL]
#
# ClaimDesk is installed into the build venv from WHEEL, or from the checkout when none is
# given, and never as editable: PyInstaller then collects the package exactly as a wheel
# lays it out, with resources/ and forms/ inside it (setup.py).
# CLAIMDESK_BUILD_VENV (default build/venv) and CLAIMDESK_DIST (default dist) move the
# build venv and the output; CI points both into a temporary folder.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
venv="${CLAIMDESK_BUILD_VENV:-$repo/build/venv}"
dist="${CLAIMDESK_DIST:-$repo/dist}"
source="${1:-$repo}"

[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
# setuptools reuses build/lib and never deletes from it: a module removed or moved since
# the last build would still be installed.
rm -rf "$repo/build/lib" "$repo"/build/bdist.*
"$venv/bin/pip" install -q "$source[build]"
# The same version may already be installed from an earlier build: replace it.
"$venv/bin/pip" install -q --no-deps --force-reinstall "$source"
# From packaging/, with the venv's pyinstaller script: `python -m` from the checkout would
# put the source tree's claimdesk/ (which has no resources/ in it) first on sys.path.
cd "$repo/packaging"
"$venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$dist" --workpath "$repo/build/pyinstaller" claimdesk.spec
echo "one-folder app: $dist/ClaimDesk ($(du -sh "$dist/ClaimDesk" | cut -f1))"
