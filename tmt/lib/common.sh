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
# is missing), then checks the .NET SDK. A machine whose own kernel serves the suite needs no
# lab VM: there only the tools the tests run are checked.
sts_setup() {
    if host_kernel_can_serve; then
        command -v dmsetup >/dev/null && command -v thin_check >/dev/null ||
            die "dmsetup and thin_check are needed (Debian: dmsetup thin-provisioning-tools; Fedora/RHEL: device-mapper device-mapper-persistent-data)"
    else
        "$STS_REPO/tmt/labvm/setup"
    fi
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

# print_skips [--except-known] TRX...: the skipped tests of a run, grouped by their reason (the
# console of dotnet test names a skipped test without its reason). Needs python3; quiet without.
print_skips() {
    command -v python3 >/dev/null && [ -f "${!#}" ] || return 0
    python3 "$STS_REPO/tmt/lib/trx-skips" "$@" || true
}

# need_value "$@": the option in $1 must be followed by a value (a usage error otherwise).
need_value() {
    [ $# -ge 2 ] && [ -n "$2" ] || die "$1 needs a value (see --help)"
}

# Resolves a thin-provisioning-tools choice into TOOLS_DIR (empty: the tools on PATH) and
# TOOLS_VERSION (what thin_check -V says). $1: "system", a directory holding thin_check, or
# PACKAGE[=VERSION]/SUITE of Debian's archive, unpacked by tmt/lib/debfetch (tools in usr/sbin).
resolve_tools() {
    local spec=${1:-system} root
    TOOLS_DIR="" TOOLS_VERSION=""
    case $spec in
        system) ;;
        /*|.*)
            [ -d "$spec" ] || { printf 'error: no thin-provisioning-tools directory %s\n' "$spec" >&2; return 2; }
            TOOLS_DIR=$(cd "$spec" && pwd -P) ;;
        */*)
            if [ -d "$spec" ]; then
                TOOLS_DIR=$(cd "$spec" && pwd -P)
            else
                root=$("$STS_REPO/tmt/lib/debfetch" --suite "${spec##*/}" "${spec%/*}") ||
                    { printf 'error: thin-provisioning-tools %s could not be fetched (see above)\n' "$spec" >&2; return 2; }
                TOOLS_DIR=$root/usr/sbin
            fi ;;
        *) printf 'error: --tools wants system, a directory or PACKAGE/SUITE, not %s\n' "$spec" >&2; return 2 ;;
    esac
    local check=thin_check
    [ -z "$TOOLS_DIR" ] || check=$TOOLS_DIR/thin_check
    if ! TOOLS_VERSION=$("$check" -V 2>/dev/null) || [ -z "$TOOLS_VERSION" ]; then
        printf 'error: no working thin_check %s\n' "${TOOLS_DIR:+in $TOOLS_DIR}" >&2
        return 2
    fi
    TOOLS_VERSION=${TOOLS_VERSION%%$'\n'*}
}

# Publishes a ReadyToRun-compiled copy of the test assembly and its dependencies (for the lab
# VM, where JIT compilation under software emulation dominates a test host's start-up) and
# prints the path of its Sts.Tests.dll. Reused while no file of the Release build is newer.
sts_ready_to_run() {
    local out="$STS_REPO/Sts.Tests/bin/Release/net10.0/r2r"
    if [ -f "$out/Sts.Tests.dll" ] &&
        [ -z "$(find "$STS_REPO/Sts.Tests/bin/Release/net10.0" -maxdepth 1 -name '*.dll' -newer "$out/Sts.Tests.dll" -print -quit)" ]; then
        printf '%s\n' "$out/Sts.Tests.dll"
        return 0
    fi
    log "ReadyToRun copy of the tests for the lab VM" >&2
    dotnet publish "$STS_REPO/Sts.Tests/Sts.Tests.csproj" -c Release -r linux-x64 --self-contained false \
        -p:PublishReadyToRun=true -o "$out" --nologo -v quiet -clp:ErrorsOnly >&2 || return 1
    printf '%s\n' "$out/Sts.Tests.dll"
}
