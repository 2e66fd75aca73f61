#!/usr/bin/env bash
# Run by `npm run bench` (prebench): the benchmark runs the dashboard, btop and gtop in tmux panes. gtop is an npm
# devDependency; tmux and btop are Debian packages, installed here when missing and we can (root with apt-get),
# otherwise the script says exactly what to install. A missing tool is a failed budget, never a skipped one.
set -euo pipefail

missing=()
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
# btop: the peer the dashboard's CPU budgets are measured against (bench/process-cost.ts)
[ -x /usr/bin/btop ] || missing+=(btop)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "srvmon bench: installing ${missing[*]} (Debian packages)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi

echo "srvmon bench needs: ${missing[*]}" >&2
echo "install them, e.g.: sudo apt-get install ${missing[*]}" >&2
exit 1
