#!/usr/bin/env bash
# Install what archsim needs to build, test and run, from Debian's packages.
# Run as root (or with sudo available). Non-interactive; safe to run again.
set -euo pipefail
packages=(
  build-essential cmake pkg-config clang          # compilers (clang: fuzzing, warnings)
  libcjson-dev libcmocka-dev                      # JSON, tests
  librsvg2-dev                                    # the CLI's PNG charts (the SVG drawn by librsvg)
  libpng-dev zlib1g-dev libxml2-dev libgif-dev    # interop: PNG iTXt, draw.io XML + deflate, GIF
  librsvg2-bin                                    # rsvg-convert: tests check the SVG export's picture
  libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libsdl2-gfx-dev fonts-dejavu-core  # the app
  xvfb xdotool graphviz                           # GUI checks; graphviz checks DOT exports
  parallel                                        # the sharding example (docs/analysis.md)
)
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all ${#packages[@]} packages already installed"
  exit 0
fi
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "deps: done"
