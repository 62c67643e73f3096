#!/usr/bin/env bash
# @reasonkit/unlearning-reward: the Python shim test (src/node/python-shim.test.ts) runs the shim with python3
# against the reward server; it skips without python3. Install it if missing (idempotent; stdlib only).
set -euo pipefail
if command -v python3 >/dev/null 2>&1; then
  echo "python3 present: $(python3 --version)"
  exit 0
fi
if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq python3 >/dev/null
  python3 --version
else
  echo "python3 missing and no apt-get: the Python shim test will skip" >&2
fi
