#!/usr/bin/env bash
# Run by `npm test` (pretest): the end-to-end tests drive the dashboard in tmux and the fleet test runs Debian's real
# Prometheus and Alertmanager; the clock-step tests use libfaketime. Installs what is missing when it can (root with apt-get, as on CI and the project's
# machines); otherwise says exactly what to install. A missing tool is a failing test, never a skipped one.
set -euo pipefail

missing=()
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
# libfaketime: the clock-step tests step a running srvmon's wall clock
command -v faketime >/dev/null 2>&1 || missing+=(faketime)
# mkfs.ext4: a loop-mounted image at a hostile mount point (test/cli/hostile-mount.e2e.test.ts)
command -v mkfs.ext4 >/dev/null 2>&1 || missing+=(e2fsprogs)
# ip (veth pair) and losetup: rates checked against /proc/net/dev and /proc/diskstats (test/sampler/rates-match-proc)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
command -v losetup >/dev/null 2>&1 || missing+=(mount)
command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
command -v prometheus-alertmanager >/dev/null 2>&1 || command -v alertmanager >/dev/null 2>&1 || missing+=(prometheus-alertmanager)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "srvmon tests: installing ${missing[*]} (Debian packages)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi

echo "srvmon tests need: ${missing[*]}" >&2
echo "install them, e.g.: sudo apt-get install ${missing[*]}" >&2
exit 1
