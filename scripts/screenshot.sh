#!/usr/bin/env bash
# Regenerate docs/screenshot.png: the archsim window after a run of the Twitter scenario, rendered
# by the app itself on SDL's offscreen driver (no display needed).
#   scripts/screenshot.sh [BUILD_DIR]      (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
if [ ! -x "$build/archsim" ]; then
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$build" -j"$(nproc 2>/dev/null || echo 2)" --target archsim
fi
# After a run of the Twitter scenario with its fan-out under-provisioned (the bottleneck
# shows); about 10 s of simulation.
"$build/archsim" --screenshot docs/screenshot.png --size 1440x900 --run \
  --select fanout_workers tests/data/gui/twitter-overloaded.json
echo "wrote docs/screenshot.png"
