#!/usr/bin/env bash
# Runs scripts/steam-collector for cron: everything it writes is appended to a log file, between two
# timestamped lines, and this script prints (so cron mails) only when the exit code needs a human.
#
#   run-and-report.sh COMMAND [OPTIONS...]      e.g. run-and-report.sh collect -q --max-duration 45m
#
# STEAM_COLLECTOR_LOG_DIR  where COMMAND.log goes (default /var/log/steam-collector)
# STEAM_COLLECTOR_ENV      launcher settings to read first, if the file exists (default
#                          /etc/steam-collector/env, the file the systemd units read)
set -uo pipefail

if [ $# -eq 0 ]; then
    echo "usage: $(basename "$0") COMMAND [OPTIONS...]" >&2
    exit 2
fi

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
launcher="$script_dir/../steam-collector"
env_file="${STEAM_COLLECTOR_ENV:-/etc/steam-collector/env}"
log_dir="${STEAM_COLLECTOR_LOG_DIR:-/var/log/steam-collector}"
log_file="$log_dir/$1.log"

if [ -r "$env_file" ]; then
    set -a
    # shellcheck disable=SC1090 # the path is the user's
    . "$env_file"
    set +a
fi

if ! mkdir -p "$log_dir" 2>/dev/null || ! touch "$log_file" 2>/dev/null; then
    echo "steam-collector $*: cannot write the log file $log_file; nothing was run" \
         "(create $log_dir for this user, or set STEAM_COLLECTOR_LOG_DIR)"
    exit 1
fi

stamp() {
    date -u '+%Y-%m-%dT%H:%M:%SZ'
}

started=$(date +%s)
echo "=== $(stamp) start: steam-collector $* (in $PWD)" >>"$log_file"
output_start=$(($(wc -c <"$log_file") + 1))
"$launcher" "$@" >>"$log_file" 2>&1
code=$?
last_lines=$(tail -c "+$output_start" "$log_file" | tail -n 5)
echo "=== $(stamp) end: exit $code after $(($(date +%s) - started)) s" >>"$log_file"

case $code in
    0)       exit 0 ;;   # done
    75)      exit 0 ;;   # temporarily unable (lock held, API or database down): the next slot tries again
    129|130|143) exit 0 ;;   # interrupted (hang-up, Ctrl-C, shutdown): the next run continues
    1)       meaning="failed" ;;
    2)       meaning="usage or configuration error" ;;
    3)       meaning="done, but more games failed than --max-failures allows" ;;
    137)     meaning="killed by SIGKILL, perhaps for lack of memory" ;;
    *)       meaning="unexpected exit code" ;;
esac
echo "steam-collector $* exited $code ($meaning); see $log_file"
[ -n "$last_lines" ] && printf '%s\n' "$last_lines" | sed 's/^/  /'
exit "$code"
