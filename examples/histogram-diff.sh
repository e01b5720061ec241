#!/usr/bin/env bash
# Prints what each session holds: the classes whose live bytes grew between two jcmd
# GC.class_histogram outputs, divided by a session count, largest first.
#
#   examples/histogram-diff.sh examples/target/scale-run/epoll/histogram-idle.txt \
#       examples/target/scale-run/epoll/histogram-held.txt 19000
#
# Classes that grew by less than MIN_BYTES (default 2) bytes a session are summed into one
# "(others)" line; the last line is the total, the same figure as scale-run.sh's heap per session.
set -euo pipefail
(( $# == 3 )) || { echo "usage: $0 IDLE_HISTOGRAM HELD_HISTOGRAM SESSIONS" >&2; exit 2; }
awk -v sessions="$3" -v min="${MIN_BYTES:-2}" '
    # Histogram rows: "  rank:  instances  bytes  class-name [(module)]".
    FNR == NR && $1 ~ /^[0-9]+:$/ { idle_n[$4] = $2; idle_b[$4] = $3; next }
    FNR != NR && $1 ~ /^[0-9]+:$/ { held_n[$4] = $2; held_b[$4] = $3 }
    END {
        for (c in held_b) {
            grown = (held_b[c] - idle_b[c]) / sessions
            total += grown
            if (grown >= min) {
                printf "%8.1f B %6.2f objects  %s\n", grown, (held_n[c] - idle_n[c]) / sessions, c
            } else {
                others += grown
            }
        }
        for (c in idle_b) if (!(c in held_b)) { total -= idle_b[c] / sessions; others -= idle_b[c] / sessions }
        printf "%8.1f B                 (others)\n", others
        printf "%8.1f B                 total per session\n", total
    }' "$1" "$2" | sort -k1,1 -g -r
