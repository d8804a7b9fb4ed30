#!/usr/bin/env bash
# Install everything the test suite needs and run it: the README's test command.
#
#   bash .ci/test.sh [pytest arguments]
#
# - Debian's chromium for the browser tests, and the libraries and fonts
#   WeasyPrint needs for the bulletin's PDF (apt-get; sudo when not root),
# - a virtualenv in .venv with tbtalert and its test extra,
# - pytest, one worker per core (pytest-xdist; "-n 0" runs in one process),
#   with the time the tests took printed at the end;
#   "no tests collected" (exit 5) counts as a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

# WeasyPrint (the bulletin's PDF): Pango and HarfBuzz, and a font with Vietnamese glyphs.
debian_packages="chromium libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"
missing=""
for package in $debian_packages; do
  dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"
done
if [ -n "$missing" ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "== installing Debian packages:$missing"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "== creating .venv"
  "$python" -m venv .venv
fi
echo "== installing tbtalert[test]"
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'

echo "== running the tests"
started=$(date +%s)
set +e
.venv/bin/python -m pytest -n auto "$@"
status=$?
set -e
echo "== the tests took $(($(date +%s) - started)) s"
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: that is a failure" >&2
  exit 1
fi
exit "$status"
