#!/usr/bin/env bash
# Past one machine, on this one: the URL shortener's load sweep as 4 shards run by GNU
# parallel (Debian package "parallel"), merged with archsim-cli merge, then checked
# byte for byte against the same sweep on one machine. docs/analysis.md shows the same
# job over ssh, as a Slurm array job and as a Kubernetes Indexed Job.
#   scripts/shard-example.sh [BUILD_DIR]      (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
cli=${1:-build}/archsim-cli
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
sweep=(sweep scenarios/url-shortener.json --load 0.5:2:0.25 --duration 4 --replications 3)
# The shards: any machine, any order. {} is K.
parallel --will-cite -j "$(nproc)" "$cli" "${sweep[@]}" --shard {}/4 --json "$out/shard-{}.json" ::: 1 2 3 4
"$cli" merge "$out/merged.json" "$out"/shard-*.json --svg "$out/merged.svg" --quiet
# The same on one machine.
"$cli" "${sweep[@]}" --json "$out/one.json" --svg "$out/one.svg" --quiet
cmp "$out/one.json" "$out/merged.json"
cmp "$out/one.svg" "$out/merged.svg"
echo "shard-example: 4 shards by GNU parallel merged into the same sweep, byte for byte"
