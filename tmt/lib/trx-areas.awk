# Sums test durations per area from a .trx file: the test class's namespace under Sts.Tests
# (e.g. Scenarios.Thin, Kernel.Backends). Prints "area  tests  seconds", slowest first.
#   awk -f tmt/lib/trx-areas.awk results/suite.trx
function attr(line, name,    m) {
    if (match(line, " " name "=\"[^\"]*\"")) {
        m = substr(line, RSTART + length(name) + 3, RLENGTH - length(name) - 4)
        return m
    }
    return ""
}
/<UnitTestResult / {
    id = attr($0, "testId"); d = attr($0, "duration")
    split(d, p, ":"); seconds[id] = p[1] * 3600 + p[2] * 60 + p[3]
}
/<UnitTest / { current = attr($0, "id") }
/<TestMethod / && current != "" {
    class = attr($0, "className"); sub(/^Sts\.Tests\./, "", class); sub(/\.[^.]*$/, "", class)
    area[current] = class; current = ""
}
END {
    for (id in seconds) { a = (id in area) ? area[id] : "(unknown)"; total[a] += seconds[id]; count[a]++ }
    for (a in total) printf "%-28s %4d tests %8.1f s\n", a, count[a], total[a] | "sort -k4 -n -r"
}
