#!/usr/bin/env bash
# Installs what the project needs on a fresh machine: `runtime` for the app, `dev` adds test tools and browser.
set -euo pipefail
cd "$(dirname "$0")/.."
stage=${1:-runtime}

if [ ! -x .venv/bin/python ]; then
    python3.11 -m venv .venv 2>/dev/null || python3 -m venv .venv
fi
# requirements.txt installs the CPU torch pin first (see the environment notes): no CUDA wheels.
if [ "$stage" = runtime ]; then
    .venv/bin/pip install -q -r requirements.txt
    .venv/bin/pip install -q --no-deps -e .
    exit 0
fi

.venv/bin/pip install -q -r requirements-dev.txt
if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "noto.*cjk"; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null
    else
        echo "browser tests need: sudo apt-get install chromium chromium-driver fonts-noto-cjk" >&2
        exit 1
    fi
fi
