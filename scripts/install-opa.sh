#!/usr/bin/env bash
# Installs the pinned OPA into .tools/bin/opa (built from the Go module proxy), unless a
# matching one is already there or cached in ~/.cache/autodeploy. Idempotent.
set -euo pipefail
OPA_VERSION="${OPA_VERSION:-v1.22.3}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="$ROOT/.tools/bin"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/autodeploy/opa-$OPA_VERSION"
mkdir -p "$BIN"
want="${OPA_VERSION#v}"
have_version() { "$1" version 2>/dev/null | awk '/^Version:/{print $2}'; }
if [ -x "$BIN/opa" ] && [ "$(have_version "$BIN/opa")" = "$want" ]; then exit 0; fi
if [ -x "$CACHE/opa" ] && [ "$(have_version "$CACHE/opa")" = "$want" ]; then
  cp "$CACHE/opa" "$BIN/opa"; exit 0
fi
if command -v opa >/dev/null 2>&1 && [ "$(have_version "$(command -v opa)")" = "$want" ]; then
  ln -sf "$(command -v opa)" "$BIN/opa"; exit 0
fi
command -v go >/dev/null 2>&1 || { echo "install-opa: Go is needed to build OPA $OPA_VERSION" >&2; exit 2; }
echo "install-opa: building OPA $OPA_VERSION from the Go module proxy (first time only, a few minutes)" >&2
mkdir -p "$CACHE"
GOBIN="$CACHE" GOFLAGS=-mod=mod go install "github.com/open-policy-agent/opa@$OPA_VERSION"
cp "$CACHE/opa" "$BIN/opa"
"$BIN/opa" version | head -1
