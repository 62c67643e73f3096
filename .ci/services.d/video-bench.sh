#!/usr/bin/env bash
# @reasonkit/video-bench: the ffmpeg decoder, runner and end-to-end tests generate small videos with
# ffmpeg and decode them with ffmpeg/ffprobe; they skip without ffmpeg. Install Debian's ffmpeg if
# missing (idempotent).
set -euo pipefail
if command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1; then
  echo "ffmpeg present: $(ffmpeg -version | head -n 1)"
  exit 0
fi
if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends ffmpeg >/dev/null
  ffmpeg -version | head -n 1
else
  echo "ffmpeg missing and no apt-get: the video-bench ffmpeg tests will skip" >&2
fi
