#!/usr/bin/env bash
# `npm run screenshots`: the README's pictures of the real dashboard, remade from a real run whenever the screen
# changes. A standalone srvmon (temporary HOME and state dir, a memory threshold of 1% so the alert log has a line)
# runs in a private tmux server at 120x40, in English and in Chinese; each screen (dashboard, help, palette) is
# captured with its colours (capture-pane -e), turned into HTML by Debian's aha, photographed by headless chromium
# and shrunk with pngquant.
# Writes docs/screenshots/{dashboard,help,palette}-{en,zh-CN}.png. SCREENSHOT_COLS, _ROWS, _LOCALES (name:LANG
# pairs), _SETTLE_S and _DIR change the size, the languages, the wait for history and where the pictures go.
set -euo pipefail

cd "$(dirname "$0")/.."
COLS=${SCREENSHOT_COLS:-120}
ROWS=${SCREENSHOT_ROWS:-40}
# Seconds of data in the charts before the first picture.
SETTLE_S=${SCREENSHOT_SETTLE_S:-20}
OUT=${SCREENSHOT_DIR:-docs/screenshots}

# Tools: install what is missing when root with apt-get (as scripts/ensure-test-deps.sh does), else say what to install.
missing=()
for tool in tmux aha chromium perl pngquant; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
[ -n "$(fc-list 'Noto Sans Mono CJK SC' 2>/dev/null)" ] || missing+=(fonts-noto-cjk)
[ -n "$(fc-list 'DejaVu Sans Mono' 2>/dev/null)" ] || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "screenshots: installing ${missing[*]} (Debian packages)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "screenshots need: ${missing[*]} (e.g. sudo apt-get install ${missing[*]})" >&2
    exit 69
  fi
fi

npm run --silent build
mkdir -p "$OUT"
tmp=$(mktemp -d)
sockets=()
cleanup() {
  for socket in "${sockets[@]}"; do tmux -L "$socket" kill-server 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

cat > "$tmp/srvmonrc.yml" <<'YAML'
rules:
  cpu:
    threshold: 80
  memory:
    threshold: 1
YAML

# Waits until the pane's text matches a regular expression (grep -E), for at most $3 seconds.
wait_for() {
  local socket=$1 pattern=$2 timeout_s=$3 deadline=$((SECONDS + $3))
  until tmux -L "$socket" capture-pane -p -t shot | grep -E "$pattern" >/dev/null; do
    if [ $SECONDS -ge $deadline ]; then
      echo "screenshots: no /$pattern/ on screen after ${timeout_s}s:" >&2
      tmux -L "$socket" capture-pane -p -t shot >&2
      exit 1
    fi
    sleep 0.2
  done
}

# The pane as a PNG. aha's spans may run across lines; each line becomes a block of its own (spans closed and
# reopened) so a row's background fills its whole height, and every non-ASCII character gets an exact cell width
# (two for East Asian wide ones): a browser lays text out by glyph widths, a terminal by cells, and without this
# a CJK row ends short and a frame's right edge zig-zags.
shoot() {
  local socket=$1 png=$2
  tmux -L "$socket" capture-pane -e -p -t shot > "$tmp/pane.ans"
  # aha swaps colours when it reads reverse video (7) and then takes a later 39/49 literally: ESC[7m ESC[33m ESC[49m
  # comes out black on black, where a terminal shows black on yellow. Each run of SGR codes is rewritten as the
  # whole state (reset, attributes, colours) with 7 last, which aha draws as a terminal does.
  perl -pe '
    our (%on, $fg, $bg);
    s{((?:\e\[[0-9;]*m)+)}{
      my @codes = map { length($_) ? map { $_ eq "" ? 0 : $_ } split(/;/, $_, -1) : (0) } ($1 =~ /\e\[([0-9;]*)m/g);
      while (@codes) {
        my $c = shift @codes;
        if ($c == 0) { %on = (); $fg = $bg = undef; }
        elsif ($c == 38 || $c == 48) {
          my $v = shift(@codes) == 5 ? "$c;5;" . shift(@codes) : "$c;2;" . join(";", splice(@codes, 0, 3));
          if ($c == 38) { $fg = $v } else { $bg = $v }
        }
        elsif (($c >= 30 && $c <= 37) || ($c >= 90 && $c <= 97)) { $fg = $c }
        elsif ($c == 39) { $fg = undef }
        elsif (($c >= 40 && $c <= 47) || ($c >= 100 && $c <= 107)) { $bg = $c }
        elsif ($c == 49) { $bg = undef }
        elsif ($c >= 1 && $c <= 9) { $on{$c} = 1 }
        elsif ($c == 22) { delete @on{1, 2} }
        elsif ($c >= 23 && $c <= 29) { delete $on{$c - 20} }
      }
      my @state = (0, grep { $_ != 7 } sort { $a <=> $b } keys %on);
      push @state, $fg if defined $fg;
      push @state, $bg if defined $bg;
      push @state, 7 if $on{7};
      "\e[" . join(";", @state) . "m";
    }ge;
  ' "$tmp/pane.ans" | aha --black --no-header | perl -CSD -0777 -ne '
    my ($open, $html) = ("", "<div class=l>");
    for my $token (/(<span[^>]*>|<\/span>|\n|&[a-z]+;|[^<\n&]|[<&])/g) {
      if ($token =~ /^<span/) { $open = $token; $html .= $token; }
      elsif ($token eq "</span>") { $open = ""; $html .= $token; }
      elsif ($token eq "\n") { $html .= ($open ? "</span>" : "") . "</div><div class=l>" . $open; }
      elsif ($token =~ /^[^\x00-\x7f]$/) { $html .= "<i class=" . ($token =~ /[\p{Ea=W}\p{Ea=F}]/ ? "w" : "n") . ">$token</i>"; }
      else { $html .= $token; }
    }
    print $html, ($open ? "</span>" : ""), "</div>";
  ' > "$tmp/body.html"
  {
    # No whitespace between the blocks: the container keeps white-space and would add empty lines.
    printf '%s' '<!doctype html><meta charset="utf-8"><style>' \
      'body{margin:0;background:#000}' \
      '.t{margin:6px;font:14px "DejaVu Sans Mono","Noto Sans Mono CJK SC",monospace;color:#d0d0d0;white-space:pre}' \
      '.l{height:17px;line-height:17px;overflow:hidden}' \
      '.l span{display:inline-block;height:17px;vertical-align:top}' \
      'i{font-style:normal;display:inline-block;width:1ch;height:17px;vertical-align:top;text-align:center}' \
      'i.w{width:2ch}' \
      '</style><div class=t>'
    # aha --black shows black text as dimgray so it stays visible on its black page; srvmon puts black text only on
    # a coloured background (selected rows, warning bars), where black is what a terminal shows.
    sed 's/color:dimgray;/color:#000;/g' "$tmp/body.html"
    printf '%s' '</div>'
  } > "$tmp/page.html"
  # 14px DejaVu Sans Mono: 8.43 px a column, 17 px a row, 6 px margin.
  local width=$(((COLS * 843 + 99) / 100 + 12)) height=$((ROWS * 17 + 12))
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$tmp/chromium" \
    --force-device-scale-factor=1 --window-size="$width,$height" --screenshot="$png" "file://$tmp/page.html" >/dev/null 2>&1
  # A terminal has few colours: 64 are plenty and make the committed file about a third of chromium's.
  pngquant --force --skip-if-larger --strip --ext .png 64 "$png"
  echo "$png"
}

start_locale() {
  local name=$1 lang=$2 socket="srvmon-shots-$$-$1"
  sockets+=("$socket")
  mkdir -p "$tmp/home-$name"
  local command="cd '$tmp' && env -i PATH='$PATH' HOME='$tmp/home-$name' TERM=xterm-256color LANG=$lang \
'$(command -v node)' '$PWD/dist/src/cli/main.js' --config '$tmp/srvmonrc.yml' --state-dir '$tmp/home-$name/state'"
  tmux -L "$socket" -f /dev/null -u new-session -d -s shot -x "$COLS" -y "$ROWS" "$command"
}

shoot_locale() {
  local name=$1 socket="srvmon-shots-$$-$1" footer='Press any key to close' palette='Mute for 1h'
  case $name in zh*) footer='按任意键关闭' palette='静音' ;; esac
  shoot "$socket" "$OUT/dashboard-$name.png"
  tmux -L "$socket" send-keys -t shot '?'
  wait_for "$socket" "$footer" 5
  shoot "$socket" "$OUT/help-$name.png"
  tmux -L "$socket" send-keys -t shot Escape
  tmux -L "$socket" send-keys -t shot C-p
  tmux -L "$socket" send-keys -t shot -l 'mute'
  wait_for "$socket" "$palette" 5
  tmux -L "$socket" send-keys -t shot Down
  sleep 0.3
  shoot "$socket" "$OUT/palette-$name.png"
  tmux -L "$socket" send-keys -t shot Escape q
}

# name:LANG pairs; all run at once so they share the wait for chart history.
LOCALES=${SCREENSHOT_LOCALES:-en:C.UTF-8 zh-CN:zh_CN.UTF-8}
for pair in $LOCALES; do start_locale "${pair%%:*}" "${pair#*:}"; done
for pair in $LOCALES; do wait_for "srvmon-shots-$$-${pair%%:*}" 'FIRING' 15; done
sleep "$SETTLE_S"
for pair in $LOCALES; do shoot_locale "${pair%%:*}"; done
