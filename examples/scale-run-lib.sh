# Shared by scale-run.sh and scale-run-cluster.sh (sourced, not run): reading what processes cost.

# Prints a process's CPU time so far in milliseconds (utime + stime, fields 14 and 15 of stat; the
# command name in field 2 may hold spaces, so fields are counted after its closing parenthesis).
# Needs CLK_TCK (getconf CLK_TCK).
process_cpu_ms() {
    local stat
    stat=$(cat "/proc/$1/stat")
    stat=${stat##*) }
    read -r -a fields <<<"$stat"
    echo $(( (fields[11] + fields[12]) * 1000 / CLK_TCK ))
}
