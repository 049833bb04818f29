#!/usr/bin/env bash
# Makes pictures of the briefing pack, to look at as a reader would: builds
# the pack from the bundled data (data/) into a temporary folder, renders
# every HTML page to a PNG as on screen (headless Chromium, 1280 px wide)
# and to a PDF at A4 as printed, converts briefing.xlsx to a PDF with
# LibreOffice (soffice --headless --convert-to pdf), turns every PDF into
# PNGs (pdftoppm) and prints where the pictures are. With Gnumeric's
# ssconvert present (or --gnumeric), also checks that Gnumeric opens the
# workbook without complaint.
#
# Missing tools (libreoffice-calc-nogui, poppler-utils, gnumeric with
# --gnumeric) are installed with apt-get when running as root.
#
# Usage: bash scripts/look.sh [--gnumeric] [--data DIR] [--out DIR] [-- BRIEF FLAGS...]
#   --data DIR   the dataset folder (default: data/ of this tree)
#   --out DIR    where the pack and pictures go (default: a new temporary folder)
#   --gnumeric   install gnumeric if missing and check the workbook with ssconvert
# Environment: CHROMIUM=FILE is the browser (default: chromium, chromium-browser
# or google-chrome, the first found).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
data="$root/data"
out=""
gnumeric=0
extra=()
while [ $# -gt 0 ]; do
	case "$1" in
	--data) data=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	--gnumeric) gnumeric=1; shift ;;
	--) shift; extra=("$@"); break ;;
	-h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "look.sh: unknown argument $1" >&2; exit 2 ;;
	esac
done
[ -n "$out" ] || out=$(mktemp -d "${TMPDIR:-/tmp}/cpmap-look.XXXXXX")
mkdir -p "$out"
pack="$out/pack"
shots="$out/pictures"
mkdir -p "$pack" "$shots/screen" "$shots/print" "$shots/xlsx"

need() { # need COMMAND PACKAGE: install PACKAGE when COMMAND is missing
	command -v "$1" >/dev/null 2>&1 && return 0
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		echo "installing $2 ..." >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$2" >&2 ||
			{ apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$2" >&2; }
	fi
	command -v "$1" >/dev/null 2>&1 || { echo "look.sh: $1 is missing (package $2)" >&2; return 1; }
}

browser=${CHROMIUM:-}
if [ -z "$browser" ]; then
	for b in chromium chromium-browser google-chrome; do
		if command -v "$b" >/dev/null; then browser=$b; break; fi
	done
fi
[ -n "$browser" ] || { echo "look.sh: no Chromium found (set CHROMIUM)" >&2; exit 1; }
need soffice libreoffice-calc-nogui
need pdftoppm poppler-utils

echo "building the pack from $data ..." >&2
(cd "$root" && go run ./cmd/cpmap brief --data "$data" --out "$pack" "${extra[@]}") >&2

chrome() {
	"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
		--user-data-dir="$out/.chromium" "$@" >/dev/null 2>&1
}
for page in "$pack"/*.html "$pack"/charts/*.html; do
	name=$(basename "$page" .html)
	[ "$(dirname "$page")" = "$pack/charts" ] && name="charts-$name"
	# Screen: 1280 px wide, tall enough for most pages; charts are drawn
	# after load, so give them time.
	chrome --window-size=1280,2400 --virtual-time-budget=5000 --screenshot="$shots/screen/$name.png" "file://$page"
	chrome --virtual-time-budget=5000 --no-pdf-header-footer --print-to-pdf="$shots/print/$name.pdf" "file://$page"
	pdftoppm -png -r 60 "$shots/print/$name.pdf" "$shots/print/$name"
done

echo "converting briefing.xlsx with LibreOffice ..." >&2
soffice --headless --norestore -env:UserInstallation="file://$out/.soffice" \
	--convert-to pdf --outdir "$shots/xlsx" "$pack/briefing.xlsx" >&2
pdftoppm -png -r 70 "$shots/xlsx/briefing.pdf" "$shots/xlsx/briefing"

if [ "$gnumeric" = 1 ]; then
	need ssconvert gnumeric
fi
if command -v ssconvert >/dev/null; then
	echo "opening briefing.xlsx with Gnumeric ..." >&2
	if ssconvert "$pack/briefing.xlsx" "$shots/xlsx/briefing-gnumeric.pdf" >"$shots/xlsx/gnumeric.log" 2>&1; then
		if [ -s "$shots/xlsx/gnumeric.log" ]; then
			echo "Gnumeric said:" >&2
			cat "$shots/xlsx/gnumeric.log" >&2
		else
			echo "Gnumeric opened it without complaint" >&2
		fi
		pdftoppm -png -r 70 "$shots/xlsx/briefing-gnumeric.pdf" "$shots/xlsx/gnumeric" || true
	else
		echo "Gnumeric failed:" >&2
		cat "$shots/xlsx/gnumeric.log" >&2
	fi
fi

echo "pack:            $pack"
echo "screen (1280px): $shots/screen"
echo "print (A4):      $shots/print"
echo "workbook:        $shots/xlsx"
