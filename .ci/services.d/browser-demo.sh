#!/usr/bin/env bash
# examples/browser-demo: its test loads the Vite-built page in real headless Chromium (Debian's
# chromium, driven by playwright-core); it skips without /usr/bin/chromium. Install Debian's
# chromium if missing (idempotent).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "chromium present: $(/usr/bin/chromium --version 2>/dev/null | head -n 1)"
  exit 0
fi
if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
  /usr/bin/chromium --version 2>/dev/null | head -n 1
else
  echo "chromium missing and no apt-get: the browser-demo test will skip" >&2
fi
