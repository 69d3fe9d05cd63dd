#!/usr/bin/env bash
# The real window, end to end: the release binary on a virtual X server (Xvfb), one customer
# created in the built-in Sandbox with the keyboard only (xdotool), the window closed by a
# close request, exit status 0. Screenshots and the app's log go to target/real-window/.
#
# Needs: Xvfb, xdotool, ImageMagick (import, identify), python3 and the X11/GL runtime libraries
# (.ci/run installs them). Run from anywhere: bash tests/real_window.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

BIN="$ROOT/target/release/sourcehub-desk"
OUT="$ROOT/target/real-window"
STEP=0

step() { STEP=$((STEP + 1)); printf 'real-window %02d: %s\n' "$STEP" "$*"; }
fail() { printf 'real-window FAILED at step %02d: %s\n' "$STEP" "$*" >&2; exit 1; }

for tool in Xvfb xdotool import identify python3; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (apt-get install xvfb xdotool imagemagick python3)"
done

if [ ! -x "$BIN" ]; then
  step "no $BIN: cargo build --release --locked"
  cargo build --release --locked
fi

rm -rf "$OUT"
mkdir -p "$OUT"
WORK="$(mktemp -d)"
XVFB_PID="" APP_PID=""
cleanup() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then kill -TERM "$APP_PID" 2>/dev/null || true; fi
  if [ -n "$XVFB_PID" ] && kill -0 "$XVFB_PID" 2>/dev/null; then kill -TERM "$XVFB_PID" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# A fresh HOME and runtime dir: the draft, the recent-customers file and eframe's window state
# land there, never in the user's own. Nothing from the caller's session may leak in.
export HOME="$WORK/home" XDG_RUNTIME_DIR="$WORK/runtime"
mkdir -p "$HOME"
mkdir -m 700 "$XDG_RUNTIME_DIR"
unset XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME XDG_STATE_HOME WAYLAND_DISPLAY \
  SOURCEHUB_API_KEY SOURCEHUB_ENV SOURCEHUB_BASE_URL DBUS_SESSION_BUS_ADDRESS
export RUST_BACKTRACE=1
HISTORY="$HOME/.local/share/sourcehub-desk/recent.json"

# Xvfb picks a free display number itself and writes it to fd 3.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$WORK/display" >"$OUT/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 100); do
  [ -s "$WORK/display" ] && break
  kill -0 "$XVFB_PID" 2>/dev/null || fail "Xvfb exited (see $OUT/xvfb.log)"
  sleep 0.1
done
[ -s "$WORK/display" ] || fail "Xvfb did not report a display within 10 s"
export DISPLAY=":$(tr -d '[:space:]' <"$WORK/display")"
step "Xvfb on $DISPLAY (1280x800x24), HOME=$HOME"

"$BIN" >"$OUT/app.log" 2>&1 &
APP_PID=$!
step "started $BIN (pid $APP_PID)"

WID="$(timeout 30 xdotool search --sync --name '^Sourcehub Desk$' 2>/dev/null | head -n1 || true)"
[ -n "$WID" ] || fail "no window named 'Sourcehub Desk' within 30 s (see $OUT/app.log)"
step "window $WID is mapped: $(xprop -id "$WID" WM_CLASS 2>/dev/null || echo 'WM_CLASS unknown')"
icon="$(xprop -id "$WID" -notype -f _NET_WM_ICON 32c ' $0 x $1' _NET_WM_ICON 2>/dev/null \
  | grep -oE '[0-9]+ x [0-9]+' || true)"
[ -n "$icon" ] || fail "the window has no icon (_NET_WM_ICON not set)"
step "window icon set: _NET_WM_ICON is $icon px"

alive() { kill -0 "$APP_PID" 2>/dev/null || fail "the app exited (see $OUT/app.log)"; }
shot() { import -window root "$OUT/$1.png" || fail "screenshot $1 failed"; }
colours() { identify -format '%k' "$OUT/$1.png"; }

# The first frame: the screen stays one flat colour until egui has painted.
for _ in $(seq 40); do
  alive
  shot 01-start
  [ "$(colours 01-start)" -gt 10 ] && break
  sleep 0.5
done
alive
n="$(colours 01-start)"
sd="$(identify -format '%[fx:standard_deviation]' "$OUT/01-start.png")"
[ "$n" -gt 10 ] || fail "the window stayed blank: $n colours in 01-start.png"
step "first frame painted: 01-start.png has $n colours, standard deviation $sd; process alive"

# Keyboard only. With no window manager, keys reach the window only after it has the focus.
focus() { xdotool windowfocus --sync "$WID" || fail "could not focus window $WID"; }
key() { focus; xdotool key --delay 60 "$@"; sleep 0.3; }
type_text() { focus; xdotool type --delay 40 -- "$1"; sleep 0.3; }
# Tab stops, counted from "nothing focused" (Escape clears egui's focus, so the count does not
# depend on where a dropdown pick leaves it): the top bar (1 Environment, 2 Test connection,
# 3 Advanced), then the form: +1 Company name, +2 Mobile number, +3 Contact person, +4 Address,
# +5 Area, +6 Postal code, +7 Registered, +8 Unregistered, +9 GSTIN (once Registered is chosen),
# +10 Sales agent. A new button in the top bar means TOP_STOPS + 1.
TOP_STOPS="${REAL_WINDOW_TOP_STOPS:-3}"
goto_stop() { key Escape; for _ in $(seq "$((TOP_STOPS + $1))"); do key Tab; done; }

COMPANY="Kaveri Traders $(date +%s | tail -c 5)"
goto_stop 1
type_text "$COMPANY"
key Tab; type_text "98765 43210"
key Tab; type_text "Lakshmi Rao"
key Tab; type_text "12 MG Road"
step "typed company '$COMPANY', mobile, contact person, address (Escape, Tab x$((TOP_STOPS + 1)), then Tab between fields)"

key Tab; key space; sleep 0.5
type_text "agaram beng"; sleep 1
shot 03-area-filter
key Return; sleep 1.5
alive
step "Area: Tab, Space opens it, typed 'agaram beng', Enter picked (03-area-filter.png)"

goto_stop 7
key space; sleep 0.5
key Tab Tab
type_text "29AAACC1206D2ZB"
step "GST treatment Registered (Escape, Tab x$((TOP_STOPS + 7)), Space), GSTIN (Tab x2, typed)"

key Tab; key space; sleep 0.5
type_text "lakshmi"; sleep 1
shot 04-agent-filter
key Return; sleep 1
shot 05-filled
alive
step "Sales agent: Tab, Space, typed 'lakshmi', Enter (04-agent-filter.png, 05-filled.png)"

key ctrl+Return
for _ in $(seq 60); do
  alive
  [ -f "$HISTORY" ] && grep -qF "\"company_name\":\"$COMPANY\"" "$HISTORY" && break
  sleep 0.5
done
sleep 0.5
shot 02-created
[ -f "$HISTORY" ] || fail "Ctrl+Enter created nothing: no $HISTORY after 30 s (see 05-filled.png, 02-created.png)"
grep -qF "\"company_name\":\"$COMPANY\"" "$HISTORY" \
  || fail "$HISTORY does not record \"company_name\":\"$COMPANY\" (see 02-created.png)"
summary="$(python3 - "$HISTORY" "$COMPANY" <<'EOF'
import json, sys
entries = json.load(open(sys.argv[1]))
entries = entries.get("entries", entries) if isinstance(entries, dict) else entries
for e in entries:
    c = e.get("customer", {})
    if c.get("company_name") == sys.argv[2]:
        print(f"customer id {c.get('id')}, env {e.get('env')}, status {c.get('status')}, approval {c.get('approval')}")
        break
else:
    print("entry found by text only")
EOF
)" || summary="(could not parse: $?)"
step "Ctrl+Enter created it: $HISTORY records \"company_name\":\"$COMPANY\"; $summary (02-created.png)"

# Close like a user closing the window: a WM_DELETE_WINDOW request. (`xdotool windowclose`
# destroys the window under the app, and winit panics; with no window manager, Alt+F4 and
# wmctrl do nothing.)
python3 - "$WID" <<'EOF' || fail "could not send WM_DELETE_WINDOW"
import ctypes, ctypes.util, sys
x = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
x.XOpenDisplay.restype = ctypes.c_void_p
x.XOpenDisplay.argtypes = [ctypes.c_char_p]
x.XInternAtom.restype = ctypes.c_ulong
x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
class ClientMessage(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("window", ctypes.c_ulong),
                ("message_type", ctypes.c_ulong), ("format", ctypes.c_int), ("l", ctypes.c_long * 5)]
class XEvent(ctypes.Union):
    _fields_ = [("xclient", ClientMessage), ("pad", ctypes.c_long * 24)]
x.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long,
                         ctypes.POINTER(XEvent)]
x.XFlush.argtypes = [ctypes.c_void_p]
x.XCloseDisplay.argtypes = [ctypes.c_void_p]
d = x.XOpenDisplay(None)
if not d:
    sys.exit("cannot open the display")
win = int(sys.argv[1])
ev = XEvent()
ev.xclient.type = 33  # ClientMessage
ev.xclient.window = win
ev.xclient.message_type = x.XInternAtom(d, b"WM_PROTOCOLS", 0)
ev.xclient.format = 32
ev.xclient.l[0] = x.XInternAtom(d, b"WM_DELETE_WINDOW", 0)
if not x.XSendEvent(d, win, 0, 0, ctypes.byref(ev)):
    sys.exit("XSendEvent failed")
x.XFlush(d)
x.XCloseDisplay(d)
EOF
step "sent WM_DELETE_WINDOW to window $WID"

for _ in $(seq 100); do
  kill -0 "$APP_PID" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$APP_PID" 2>/dev/null; then
  kill -TERM "$APP_PID" 2>/dev/null || true
  fail "the app did not exit within 10 s of the close request (sent SIGTERM)"
fi
status=0
wait "$APP_PID" || status=$?
APP_PID=""
[ "$status" -eq 0 ] || fail "the app exited with status $status (see $OUT/app.log)"
step "window closed, app exited with status 0"
step "passed; screenshots in ${OUT#"$ROOT"/}/"
