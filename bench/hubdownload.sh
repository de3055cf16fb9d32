#!/usr/bin/env bash
# Download throughput from a Hub on 127.0.0.1 (tests/hub/fakehub.py) into a fresh Hugging Face
# cache, with every LFS file's SHA-256 checked, as `domaintune-cli models download` does it.
#
#   bench/hubdownload.sh [MODEL_DIR] [ROUNDS]
#
# MODEL_DIR defaults to the real default model (all-MiniLM-L6-v2, 91.6 MB) in the Hugging Face
# cache (./domaintune.sh run puts it there). Prints MB/s per round, then the best and the median.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cli=${DOMAINTUNE_CLI:-$here/build/bin/domaintune-cli}
model=${1:-$("$cli" models default | sed -n 's/^  "path": "\(.*\)",*$/\1/p')}
rounds=${2:-5}
[ -d "$model" ] || { echo "no model folder '$model' (run ./domaintune.sh run once, or give one)" >&2; exit 1; }
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
printf '{"repos": {"bench/model": {"dir": "%s", "commit": "%s"}}}\n' \
    "$(readlink -f "$model")" 0123456789abcdef0123456789abcdef01234567 >"$work/hub.json"
/usr/bin/python3 "$here/tests/hub/fakehub.py" --config "$work/hub.json" --max-seconds 600 >"$work/port" &
server=$!
for _ in $(seq 50); do grep -q PORT "$work/port" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/^PORT //p' "$work/port")
speeds=()
for round in $(seq "$rounds"); do
    rm -rf "$work/cache"
    out=$(HF_ENDPOINT=http://127.0.0.1:$port HF_HUB_CACHE=$work/cache "$cli" models download bench/model 2>/dev/null)
    bytes=$(sed -n 's/^  "bytes_fetched": \([0-9]*\),$/\1/p' <<<"$out")
    seconds=$(sed -n 's/^  "seconds": \([0-9.e-]*\),$/\1/p' <<<"$out")
    speed=$(awk -v b="$bytes" -v s="$seconds" 'BEGIN { printf "%.0f", b / s / 1e6 }')
    echo "round $round: $bytes bytes in $seconds s = $speed MB/s"
    speeds+=("$speed")
done
printf '%s\n' "${speeds[@]}" | sort -n | awk '{ v[NR] = $1 } END {
    printf "best %d MB/s, median %d MB/s over %d rounds\n", v[NR], v[int((NR + 1) / 2)], NR }'
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p')"
