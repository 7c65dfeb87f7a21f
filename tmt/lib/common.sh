# Shared by tmt/run-suite and tmt/run-all (sourced, not run).
# shellcheck shell=bash

STS_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
readonly STS_REPO
readonly STS_TEST_DLL="$STS_REPO/Sts.Tests/bin/Release/net10.0/Sts.Tests.dll"

log() { printf '==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 2; }

# Seconds since the epoch, with milliseconds, for phase timings.
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# Installs what the suite needs on a fresh Debian machine (idempotent; apt only when something
# is missing), then checks the .NET SDK.
sts_setup() {
    "$STS_REPO/tmt/labvm/setup"
    command -v dotnet >/dev/null || die "the .NET SDK is not installed: dotnet must be on PATH (net10.0)"
}

sts_build() {
    dotnet build "$STS_REPO/Sts.sln" -c Release --nologo -v quiet -clp:ErrorsOnly
}

# True when this machine's own kernel can run the destructive suite: root and device-mapper.
host_kernel_can_serve() {
    # /proc/misc, not /dev/mapper/control: dmsetup mknods that node even on a kernel without dm.
    [ "$(id -u)" -eq 0 ] && grep -qw device-mapper /proc/misc 2>/dev/null
}

# Reads a TRX file's counters into TRX_TOTAL, TRX_PASSED, TRX_FAILED, TRX_SKIPPED.
# Skipped (ignored) tests are "NotExecuted" in TRX: total - passed - failed.
read_trx() {
    local file=$1 counters
    TRX_TOTAL=0 TRX_PASSED=0 TRX_FAILED=0 TRX_SKIPPED=0
    [ -f "$file" ] || return 1
    counters=$(grep -o '<Counters [^>]*>' "$file" | head -n 1) || return 1
    TRX_TOTAL=$(attr total "$counters")
    TRX_PASSED=$(attr passed "$counters")
    TRX_FAILED=$(( $(attr failed "$counters") + $(attr error "$counters") + $(attr timeout "$counters") + $(attr aborted "$counters") ))
    TRX_SKIPPED=$(( TRX_TOTAL - TRX_PASSED - TRX_FAILED ))
}

attr() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$2"; }
