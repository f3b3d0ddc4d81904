#!/usr/bin/env bash
# Installs briefgen and everything it needs on a fresh Debian machine.
#   scripts/setup.sh          the tool (for `python3 -m briefgen build`)
#   scripts/setup.sh --test   the tool plus the test and lint tools
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
[ "${1:-}" = "--test" ] && extras="[test]"

# WeasyPrint lays out with Pango and subsets fonts with HarfBuzz; briefs are set in Noto
# (Latin and Arabic script).
# poppler-utils gives pdftoppm/pdftotext for looking at the PDFs.
packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core poppler-utils)
# The browser tests drive Debian's Chromium through Playwright (never its own download).
[ "${1:-}" = "--test" ] && packages+=(chromium)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: please install these system packages first: ${missing[*]}" >&2
    exit 1
  fi
fi

python3 -m pip install --quiet --disable-pip-version-check -e ".${extras}"
echo "setup: briefgen installed${extras:+ with test tools}"
