#!/usr/bin/env bash
# `data inspect` on a large generated CSV (issue #21: "a real 200 MB CSV: 2.2 GB"): peak
# memory and wall time with the default budget of examples held (--max-held-mb 256) against a
# budget larger than the file (every example held, as before the budget existed).
#   bench/inspect_memory.sh [MEGABYTES]      (default 400; written to a temporary folder)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cli="$here/build/bin/domaintune-cli"
megabytes=${1:-400}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# Financial-news-like rows: 60-200 words of varied text, three labels; no two rows alike.
/usr/bin/python3 - "$scratch/big.csv" "$megabytes" <<'PY'
import random, sys
random.seed(7)
words = ("revenue profit loss quarter guidance margin shares dividend outlook bank rate inflation "
         "bond yield equity market growth decline merger acquisition analyst forecast earnings "
         "cash debt credit risk capital fund investor price volume index").split()
labels = ("positive", "negative", "neutral")
limit = int(sys.argv[2]) << 20
with open(sys.argv[1], "w") as out:
    out.write("text,label\n")
    written = i = 0
    while written < limit:
        text = " ".join(random.choice(words) for _ in range(random.randint(60, 200)))
        line = f'"row {i}: {text}",{labels[i % 3]}\n'
        out.write(line)
        written += len(line)
        i += 1
PY
echo "file: $(du -m "$scratch/big.csv" | cut -f1) MB, $(($(wc -l <"$scratch/big.csv") - 1)) rows"
echo "CPU: $(sed -n 's/^model name\t: //p' /proc/cpuinfo | head -n 1)"
for budget in 256 100000; do
    /usr/bin/time -f "%M %e" -o "$scratch/time" "$cli" data inspect "$scratch/big.csv" \
        --no-near-duplicates --max-held-mb "$budget" >"$scratch/out.json" 2>"$scratch/err.log"
    read -r kb seconds <"$scratch/time"
    held=$(/usr/bin/python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); h=j["held"]
print("%d rows, %d held (%.0f MB), partial %s" % (j["rows"], h["examples"], h["megabytes"], h["partial"]))' "$scratch/out.json")
    echo "--max-held-mb $budget: peak $((kb / 1024)) MB, $seconds s; $held"
done
