#!/usr/bin/env bash
# Times `cpmap import` against other readers of the same .xlsx workbook:
# xlsx2csv, openpyxl (read-only), pandas read_excel, csvkit's in2csv and,
# with --gnumeric, Gnumeric's ssconvert. Each peer converts the first sheet
# to CSV; cpmap imports the whole workbook into a fresh data folder. Runs
# alternate between the tools so that a slow moment of the machine does not
# fall on one tool only.
#
# The workbook is made by `go run ./scripts/genscale` the way Excel saves one
# (shared strings, real dimension, dates as Excel dates), so that no reader
# is misled by a shortcut of the writer.
#
# Prints, per workbook size and tool: rows read, median wall time, peak
# resident memory, and the ratio of the tool's median to cpmap's. Exits
# non-zero only when a tool fails to run, never because one is slow.
#
# Usage: bash scripts/bench-peers.sh [options]
#   -n RUNS        runs of each tool (default 3)
#   -r ROWS        workbook rows, comma-separated (default 100000;
#                  e.g. -r 10000,100000,1000000)
#   -t TABLE       table of the workbook's rows: programmes (default),
#                  campaigns or surveys
#   --tools LIST   comma-separated subset of: cpmap,xlsx2csv,openpyxl,pandas,in2csv,ssconvert
#   --gnumeric     also time Gnumeric's ssconvert (installs gnumeric, which is large)
#   --no-install   do not install missing peers; time those present
#   -k             keep the temporary folder (workbooks, outputs, timings)
#   -h             this help
# Environment: CPMAP=FILE times that cpmap binary instead of building one
# from this tree; PYTHON=FILE is the python with openpyxl and pandas
# (default /usr/bin/python3, Debian's).
set -euo pipefail

runs=3
sizes=100000
table=programmes
tools=""
gnumeric=0
install=1
keep=0

usage() { sed -n '/^# Usage:/,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
	case "$1" in
	-n) runs=${2:?-n needs a number}; shift 2 ;;
	-r) sizes=${2:?-r needs rows}; shift 2 ;;
	-t) table=${2:?-t needs a table}; shift 2 ;;
	--tools) tools=${2:?--tools needs a list}; shift 2 ;;
	--gnumeric) gnumeric=1; shift ;;
	--no-install) install=0; shift ;;
	-k) keep=1; shift ;;
	-h | --help) usage; exit 0 ;;
	*) echo "bench-peers: unknown option $1" >&2; usage >&2; exit 2 ;;
	esac
done
case "$runs" in '' | *[!0-9]* | 0) echo "bench-peers: -n wants a positive number, not $runs" >&2; exit 2 ;; esac

cd "$(dirname "$0")/.."

# Debian's python3, where python3-openpyxl and python3-pandas install
# (a python3 earlier on PATH, such as pyenv's, does not see them).
py=${PYTHON:-/usr/bin/python3}
timer=/usr/bin/time

have_py_module() { [ -x "$py" ] && "$py" -c "import $1" >/dev/null 2>&1; }

# Install what is missing, from Debian packages.
missing=()
[ -x "$timer" ] || missing+=(time)
[ -x "$py" ] || missing+=(python3)
have_py_module openpyxl || missing+=(python3-openpyxl)
have_py_module pandas || missing+=(python3-pandas)
command -v xlsx2csv >/dev/null || missing+=(xlsx2csv)
command -v in2csv >/dev/null || missing+=(csvkit)
if [ "$gnumeric" = 1 ] && ! command -v ssconvert >/dev/null; then missing+=(gnumeric); fi
if [ ${#missing[@]} -gt 0 ]; then
	if [ "$install" = 1 ] && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
		echo "bench-peers: installing ${missing[*]}" >&2
		apt-get update -qq >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
	else
		echo "bench-peers: not installed: ${missing[*]} (the tools that need them are left out)" >&2
	fi
fi
if [ ! -x "$timer" ]; then
	echo "bench-peers: $timer is needed to measure memory: apt-get install time" >&2
	exit 1
fi

# The tools to time, cpmap first.
all=(cpmap xlsx2csv openpyxl pandas in2csv)
[ "$gnumeric" = 1 ] && all+=(ssconvert)
if [ -n "$tools" ]; then
	IFS=, read -r -a all <<<"$tools"
fi
available() {
	case "$1" in
	cpmap) return 0 ;;
	xlsx2csv | in2csv | ssconvert) command -v "$1" >/dev/null ;;
	openpyxl | pandas) have_py_module "$1" ;;
	*) echo "bench-peers: unknown tool $1" >&2; exit 2 ;;
	esac
}
selected=()
for t in "${all[@]}"; do
	if available "$t"; then selected+=("$t"); else echo "bench-peers: $t is not available; left out" >&2; fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-peers.XXXXXX")
if [ "$keep" = 1 ]; then
	echo "bench-peers: keeping $tmp" >&2
else
	trap 'rm -rf "$tmp"' EXIT
fi

if [ -n "${CPMAP:-}" ]; then
	cp "$CPMAP" "$tmp/cpmap"
else
	echo "bench-peers: building cpmap" >&2
	go build -o "$tmp/cpmap" ./cmd/cpmap
fi
cpmap_import=1
if ! "$tmp/cpmap" import --help >/dev/null 2>&1; then
	cpmap_import=0
	echo "bench-peers: this cpmap has no 'import' command yet: timing the peers only (ratios need cpmap)" >&2
	peers=()
	for t in "${selected[@]}"; do [ "$t" = cpmap ] || peers+=("$t"); done
	selected=("${peers[@]}")
fi

# cpmap's settings: the defaults, but no limit on the size of an input file
# (config.yaml refuses files over 50 MiB; a million rows take 61 MiB).
printf 'import:\n  max_file_mb: 1000000\n' >"$tmp/config.yaml"

cat >"$tmp/read_openpyxl.py" <<'EOF'
import csv, datetime, sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
ws = wb.worksheets[0]
with open(sys.argv[2], "w", newline="") as f:
    w = csv.writer(f)
    for row in ws.iter_rows(values_only=True):
        w.writerow(v.date().isoformat() if isinstance(v, datetime.datetime) else v for v in row)
EOF
cat >"$tmp/read_pandas.py" <<'EOF'
import sys
import pandas as pd
pd.read_excel(sys.argv[1], sheet_name=0).to_csv(sys.argv[2], index=False)
EOF

# run TOOL FILE OUT: one conversion, timed into $tmp/time.
run() {
	local tool=$1 file=$2 out=$3
	local t=("$timer" -f "%e %M" -o "$tmp/time")
	case "$tool" in
	cpmap)
		rm -rf "$tmp/data"
		"${t[@]}" "$tmp/cpmap" --config "$tmp/config.yaml" import --data "$tmp/data" "$file" >"$out" 2>"$tmp/stderr" ;;
	xlsx2csv) "${t[@]}" xlsx2csv "$file" "$out" 2>"$tmp/stderr" ;;
	openpyxl) "${t[@]}" "$py" "$tmp/read_openpyxl.py" "$file" "$out" 2>"$tmp/stderr" ;;
	pandas) "${t[@]}" "$py" "$tmp/read_pandas.py" "$file" "$out" 2>"$tmp/stderr" ;;
	in2csv) "${t[@]}" in2csv "$file" >"$out" 2>"$tmp/stderr" ;;
	ssconvert) "${t[@]}" ssconvert "$file" "$out" >/dev/null 2>"$tmp/stderr" ;;
	esac
}

# rows_read TOOL OUT: the data rows a tool read.
rows_read() {
	local tool=$1 out=$2
	if [ "$tool" = cpmap ]; then
		local f="$tmp/data/$table.csv"
		[ -f "$f" ] && echo $(($(wc -l <"$f") - 1)) || echo 0
	else
		echo $(($(wc -l <"$out") - 1))
	fi
}

# median: of the numbers on stdin.
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

loadavg() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown; }
load_start=$(loadavg)
failed=0
results="$tmp/results"
: >"$results"
IFS=, read -r -a rowlist <<<"$sizes"
for rows in "${rowlist[@]}"; do
	file="$tmp/$table-$rows.xlsx"
	echo "bench-peers: generating $file" >&2
	go run ./scripts/genscale -rows "$rows" -table "$table" -out "$file"
	for ((i = 1; i <= runs; i++)); do
		for tool in "${selected[@]}"; do
			out="$tmp/$tool-$rows.csv"
			if run "$tool" "$file" "$out"; then
				read -r wall rss <"$tmp/time"
				echo "$rows $tool $wall $rss $(rows_read "$tool" "$out")" >>"$results"
				echo "bench-peers: $rows rows, run $i, $tool: $wall s" >&2
			else
				failed=1
				echo "bench-peers: $tool failed on $file (run $i):" >&2
				tail -n 5 "$tmp/stderr" >&2
			fi
		done
	done
done

echo
echo "Workbook: $table, 12 columns; $runs runs each, alternating; $(nproc) cores; $(date -u +%Y-%m-%d)"
echo "Load average (1, 5, 15 min) at start: $load_start; at end: $(loadavg)"
[ "$cpmap_import" = 1 ] || echo "cpmap has no 'import' command yet: no cpmap row and no ratios."
printf '%-10s %-10s %10s %12s %10s %9s\n' rows tool "rows read" "median s" "peak MiB" "× cpmap"
for rows in "${rowlist[@]}"; do
	base=$(awk -v r="$rows" '$1 == r && $2 == "cpmap" { print $3 }' "$results" | median)
	for tool in "${selected[@]}"; do
		med=$(awk -v r="$rows" -v t="$tool" '$1 == r && $2 == t { print $3 }' "$results" | median)
		[ "$med" = - ] && continue
		peak=$(awk -v r="$rows" -v t="$tool" '$1 == r && $2 == t && $4 > m { m = $4 } END { printf "%.0f", m / 1024 }' "$results")
		got=$(awk -v r="$rows" -v t="$tool" '$1 == r && $2 == t { n = $5 } END { print n }' "$results")
		ratio=-
		if [ "$base" != - ]; then ratio=$(awk -v a="$med" -v b="$base" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'); fi
		note=""
		[ "$got" = "$rows" ] || note="  (read $got of $rows rows)"
		printf '%-10s %-10s %10s %12s %10s %9s%s\n' "$rows" "$tool" "$got" "$med" "$peak" "$ratio" "$note"
	done
done
exit "$failed"
