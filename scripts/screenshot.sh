#!/usr/bin/env bash
# Regenerate the pictures in docs/: the archsim window after a run of the Twitter scenario
# (docs/screenshot.png), the scenario browser (docs/practice-browser.png) and the
# Requirements tab after a run of a starter (docs/practice-requirements.png), and the
# "From a blank board" walkthrough of docs/gui.md (docs/blank-*.png, taken by the GUI test
# that drives the app from New to a graded pass), rendered by the app itself on SDL's
# offscreen driver (no display needed).
#   scripts/screenshot.sh [BUILD_DIR]      (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
if [ ! -x "$build/archsim" ] || [ ! -x "$build/test_gui_blank_board" ]; then
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$build" -j"$(nproc 2>/dev/null || echo 2)" --target archsim test_gui_blank_board
fi
# The user's own settings (language, passed presets) stay out of the pictures.
XDG_CONFIG_HOME=$(mktemp -d)
export XDG_CONFIG_HOME
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT
# After a run of the Twitter scenario with its fan-out under-provisioned (the bottleneck
# shows); about 10 s of simulation.
"$build/archsim" --screenshot docs/screenshot.png --size 1440x900 --run \
  --select fanout_workers tests/data/gui/twitter-overloaded.json
"$build/archsim" --screenshot docs/sweep-tab.png --size 1440x900 --lang en --sweep --tab sweep \
  tests/data/analysis/mm1-knee.json
"$build/archsim" --screenshot docs/practice-browser.png --size 1280x800 --lang en --browser
"$build/archsim" --screenshot docs/practice-requirements.png --size 1440x900 --lang en --run \
  --tab requirements scenarios/starters/db-read-scaling.json
# From a blank board: New, the scenario authored in the panel, the graded pass, a
# modelling check with its fix, the path of a request type, the right-click menu.
shots=$(mktemp -d)
(cd "$shots" && SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software XDG_STATE_HOME="$shots" \
  "$OLDPWD/$build/test_gui_blank_board" >/dev/null 2>&1)
for s in new scenario pass check path menu nothing-to-grade; do
  cp "$shots/gui-blank-$s.png" "docs/blank-$s.png"
done
rm -rf "$shots"
echo "wrote docs/screenshot.png, docs/practice-browser.png, docs/practice-requirements.png, docs/blank-*.png"
