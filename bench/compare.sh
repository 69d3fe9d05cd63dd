#!/usr/bin/env bash
# Issue 6: the six "ours vs anchor" ratios, measured in one run on one machine.
#
#   bench/compare.sh            (from any directory; builds what it needs in release)
#
# Prints exactly one line per measure, in this order, on stdout:
#   NAME: ours X UNIT, anchor Y UNIT, ratio R (target ≤ T)
# Progress and details go to stderr. Exits non-zero only if a measure could not be taken
# (then that measure's line says "could not measure" instead).
#
# Knobs: COLD_RUNS (default 7), CREATE_ROUNDS (default 3), RSS_MIN_WAIT (default 30 s),
# NO_BUILD=1 (use what target/release already holds; handy while others edit src/).
# Only 127.0.0.1 is used. Missing Debian packages (time, xvfb, xdotool, curl, GL/X client
# libraries) are installed with apt-get.
set -u -o pipefail

cd "$(dirname "$0")/.."
COLD_RUNS=${COLD_RUNS:-7}
CREATE_ROUNDS=${CREATE_ROUNDS:-3}
RSS_MIN_WAIT=${RSS_MIN_WAIT:-30}
APP_TITLE="Sourcehub Desk"
BARE_TITLE="Bare eframe window"

log() { echo "compare.sh: $*" >&2; }
now_ns() { date +%s%N; }

TMP=$(mktemp -d)
PIDS=()
cleanup() {
    local p
    for p in "${PIDS[@]}"; do
        kill "$p" 2>/dev/null && wait "$p" 2>/dev/null
    done
    rm -rf "$TMP"
}
trap cleanup EXIT

declare -A LINE
FAILED=0
missed() { # name reason
    LINE[$1]="$1: could not measure ($2)"
    FAILED=1
    log "$1: could not measure: $2"
}
ratio_line() { # name ours anchor unit target [decimals]
    local d=${6:-1}
    LINE[$1]=$(awk -v n="$1" -v o="$2" -v a="$3" -v u="$4" -v t="$5" -v d="$d" 'BEGIN {
        r = (a > 0) ? sprintf("%.2f", o / a) : "inf";
        printf "%s: ours %.*f %s, anchor %.*f %s, ratio %s (target ≤ %s)", n, d, o, u, d, a, u, r, t }')
    log "${LINE[$1]}"
}
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# --- tools -------------------------------------------------------------------------------------
need=()
command -v /usr/bin/time >/dev/null || need+=(time)
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
command -v curl >/dev/null || need+=(curl)
for p in libx11-6 libx11-xcb1 libxcursor1 libxi6 libxkbcommon-x11-0 libgl1 libglx-mesa0 libgl1-mesa-dri; do
    dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if ((${#need[@]})); then
    log "installing ${need[*]}"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO=sudo
    { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
        --no-install-recommends "${need[@]}"; } >&2 || log "apt-get failed; measures needing ${need[*]} may fail"
fi

# --- builds --------------------------------------------------------------------------------------
if [ "${NO_BUILD:-0}" != 1 ]; then
    log "building (release bin, bare_window example, benches)"
    cargo build --release --bin sourcehub-desk >&2 || { log "release build failed"; exit 1; }
    cargo build --release --example bare_window >&2 || { log "bare_window build failed"; exit 1; }
    cargo bench --no-run >&2 || { log "bench build failed"; exit 1; }
fi
# The newest build of a bench binary (cargo bench --no-run just made it), run directly.
bench_bin() {
    local f
    f=$(ls -t target/release/deps/"$1"-* 2>/dev/null | grep -v '\.d$' | head -n1)
    [ -x "$f" ] && echo "$PWD/$f"
}
APP=$PWD/target/release/sourcehub-desk
BARE=$PWD/target/release/examples/bare_window

# A clean profile for the GUI runs: no drafts/history of the real user, no keyring bus.
# (cargo and rustup keep finding their homes.)
export CARGO_HOME=${CARGO_HOME:-$HOME/.cargo} RUSTUP_HOME=${RUSTUP_HOME:-$HOME/.rustup}
export HOME=$TMP/home XDG_RUNTIME_DIR=$TMP/run
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
unset DBUS_SESSION_BUS_ADDRESS WAYLAND_DISPLAY
export RUST_LOG=off

# --- Xvfb ----------------------------------------------------------------------------------------
start_xvfb() {
    local fifo=$TMP/displayfd
    : >"$fifo"
    Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$fifo" 2>"$TMP/xvfb.log" &
    PIDS+=($!)
    local i
    for i in $(seq 100); do
        [ -s "$fifo" ] && break
        sleep 0.05
    done
    [ -s "$fifo" ] || return 1
    export DISPLAY=":$(head -n1 "$fifo" | tr -d '[:space:]')"
    log "Xvfb on $DISPLAY"
}
XOK=1
start_xvfb || { XOK=0; log "Xvfb did not start"; }

# Milliseconds from exec to the window being mapped (visible); polls xdotool every ~5 ms.
# (xdotool search --sync only polls every 0.5 s, too coarse for a ~100 ms start.)
window_ms() { # program title
    local t0 t1 pid
    t0=$(now_ns)
    "$1" >/dev/null 2>&1 &
    pid=$!
    local deadline=$((t0 + 20000000000))
    while :; do
        if xdotool search --onlyvisible --name "^$2" >/dev/null 2>&1; then
            t1=$(now_ns)
            break
        fi
        if [ "$(now_ns)" -gt "$deadline" ] || ! kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null
            wait "$pid" 2>/dev/null
            return 1
        fi
        sleep 0.005
    done
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    echo $(((t1 - t0) / 1000000))
}

# --- 1. cold start -------------------------------------------------------------------------------
cold_start() {
    [ "$XOK" = 1 ] || { missed cold_start "no Xvfb"; return; }
    local i a b ours=() bare=()
    # One untimed run each warms the page cache; then alternate.
    window_ms "$APP" "$APP_TITLE" >/dev/null && window_ms "$BARE" "$BARE_TITLE" >/dev/null ||
        { missed cold_start "window never appeared"; return; }
    for i in $(seq "$COLD_RUNS"); do
        a=$(window_ms "$APP" "$APP_TITLE") && ours+=("$a")
        b=$(window_ms "$BARE" "$BARE_TITLE") && bare+=("$b")
    done
    log "cold start ms, app: ${ours[*]}; bare: ${bare[*]}"
    [ ${#ours[@]} -gt 0 ] && [ ${#bare[@]} -gt 0 ] || { missed cold_start "window never appeared"; return; }
    ratio_line cold_start "$(printf '%s\n' "${ours[@]}" | median)" \
        "$(printf '%s\n' "${bare[@]}" | median)" ms 1.2 0
}

# --- 2 + 4. headless frames (frame_compare) ------------------------------------------------------
LOAD_SECS=""
frames() {
    local out
    out=$("$(bench_bin frame_compare)" --bench 2>"$TMP/frame.err") || true
    cat "$TMP/frame.err" >&2
    local f i
    f=$(grep '^frame_filter: ' <<<"$out") && LINE[frame_filter]=$f || missed frame_filter "frame_compare failed"
    i=$(grep '^idle_frames: ' <<<"$out") && LINE[idle_frames]=$i || missed idle_frames "frame_compare failed"
    LOAD_SECS=$(sed -n 's/^lookups loaded after \([0-9.]*\) s.*/\1/p' "$TMP/frame.err")
}

# --- 3. load_all ---------------------------------------------------------------------------------
load_all() {
    local out l
    out=$("$(bench_bin load_compare)" --bench 2>"$TMP/load.err") || true
    grep '^run ' "$TMP/load.err" >&2
    l=$(grep '^load_all: ' <<<"$out") && LINE[load_all]=$l || { tail -5 "$TMP/load.err" >&2; missed load_all "load_compare failed"; }
}

# --- 5. 200 creates ------------------------------------------------------------------------------
creates() {
    "$APP" sandbox --addr 127.0.0.1:0 >"$TMP/sandbox.out" 2>"$TMP/sandbox.err" &
    local sb=$! base="" i
    PIDS+=($sb)
    for i in $(seq 600); do
        base=$(sed -n 's/^listening on \(http:\/\/127\.0\.0\.1:[0-9]*\/api\).*/\1/p' "$TMP/sandbox.out")
        [ -n "$base" ] && break
        sleep 0.05
    done
    [ -n "$base" ] || { missed creates_200 "the Sandbox printed no address"; return; }
    log "Sandbox at $base"
    local best_ours="" best_curl="" out ours query args t0 t1 codes ok secs
    for i in $(seq "$CREATE_ROUNDS"); do
        out=$(SOURCEHUB_BENCH_BASE_URL=$base "$(bench_bin create_compare)" --bench 2>/dev/null) ||
            { missed creates_200 "create_compare failed"; return; }
        ours=$(sed -n 's/^ours_seconds: //p' <<<"$out")
        query=$(sed -n 's/^query: //p' <<<"$out")
        args=()
        for _ in $(seq 200); do args+=("$base/customers/create?$query" -o /dev/null); done
        t0=$(now_ns)
        codes=$(curl -s -X POST -H 'Authorization: Bearer sandbox' -w '%{http_code}\n' "${args[@]}")
        t1=$(now_ns)
        ok=$(grep -c '^200$' <<<"$codes")
        [ "$ok" = 200 ] || { missed creates_200 "curl got $ok of 200 answers with status 200"; return; }
        secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')
        log "creates round $i: ours $ours s, curl $secs s"
        best_ours=$(awk -v a="$best_ours" -v b="$ours" 'BEGIN { print (a == "" || b < a) ? b : a }')
        best_curl=$(awk -v a="$best_curl" -v b="$secs" 'BEGIN { print (a == "" || b < a) ? b : a }')
    done
    ratio_line creates_200 "$best_ours" "$best_curl" s 1.0 3
}

# --- 6. peak RSS ---------------------------------------------------------------------------------
max_rss_kb() { # seconds program...
    local secs=$1 tpid child i
    shift
    /usr/bin/time -v -o "$TMP/time.out" "$@" >/dev/null 2>&1 &
    tpid=$!
    sleep "$secs"
    child=$(pgrep -P "$tpid" | head -n1)
    [ -n "$child" ] && kill "$child"
    wait "$tpid" 2>/dev/null
    sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$TMP/time.out"
}
peak_rss() {
    [ "$XOK" = 1 ] || { missed peak_rss "no Xvfb"; return; }
    local wait=$RSS_MIN_WAIT ours bare
    # Long enough for every lookup to load (the headless run above says how long that takes).
    if [ -n "$LOAD_SECS" ]; then
        wait=$(awk -v m="$RSS_MIN_WAIT" -v l="$LOAD_SECS" 'BEGIN { w = int(l * 1.5 + 5); print (w > m) ? w : m }')
    fi
    log "peak RSS: running the app for ${wait} s, the bare window for 10 s"
    ours=$(max_rss_kb "$wait" "$APP")
    bare=$(max_rss_kb 10 "$BARE")
    [ -n "$ours" ] && [ -n "$bare" ] || { missed peak_rss "no RSS from /usr/bin/time"; return; }
    ratio_line peak_rss "$(awk -v k="$ours" 'BEGIN { print k / 1024 }')" \
        "$(awk -v k="$bare" 'BEGIN { print k / 1024 }')" MB 2.5 1
}

cold_start
frames
load_all
creates
peak_rss

for n in cold_start idle_frames load_all frame_filter creates_200 peak_rss; do
    echo "${LINE[$n]:-$n: could not measure}"
done
[ -s target/release/sourcehub-desk ] && log "release binary: $(stat -c %s target/release/sourcehub-desk) bytes"
exit "$FAILED"
