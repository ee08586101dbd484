#!/usr/bin/env bash
# Installs the pinned checkov into its own venv (its dependency pins clash with ours) at
# ${XDG_CACHE_HOME:-~/.cache}/autodeploy/checkov-venv and links <repo>/.tools/checkov to it,
# so .tools/checkov/bin/checkov exists. Idempotent: a no-op when the pinned version is there.
set -euo pipefail
CHECKOV_VERSION="${CHECKOV_VERSION:-3.3.30}"
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VENV="${XDG_CACHE_HOME:-$HOME/.cache}/autodeploy/checkov-venv"
LINK="$ROOT/.tools/checkov"
mkdir -p "$ROOT/.tools"
stamp="$VENV/.autodeploy-checkov-$CHECKOV_VERSION"
if [ ! -f "$stamp" ] || [ ! -x "$VENV/bin/checkov" ]; then
  echo "install-checkov: installing checkov $CHECKOV_VERSION into $VENV (first time only)" >&2
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "checkov==$CHECKOV_VERSION"
  touch "$stamp"
fi
if [ "$(readlink "$LINK" 2>/dev/null || true)" != "$VENV" ]; then
  rm -rf "$LINK"
  ln -s "$VENV" "$LINK"
fi
[ -x "$LINK/bin/checkov" ] || { echo "install-checkov: $LINK/bin/checkov missing" >&2; exit 2; }
