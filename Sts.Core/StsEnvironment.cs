using System.Globalization;

namespace Sts.Core;

/// <summary>
/// The one place Sts reads its environment: one typed property per variable, each naming the
/// variable, its meaning and default, and what a value it cannot use throws
/// (<see cref="StsEnvironmentException"/>, naming the variable and the value). An empty variable
/// counts as unset. Each property reads the variable anew, so a test may set one and see it.
/// The list with who sets what is docs/environment.md (checked against this type by a test).
/// </summary>
public static class StsEnvironment
{
    /// <summary>The value of <see cref="ResultsDatabase"/> and <see cref="AllureResults"/> that turns the output off.</summary>
    public const string Off = "off";

    /// <summary>
    /// <c>STS_WORK_DIR</c>: the directory run directories go in. Default: null, for
    /// <c>/var/tmp/sts</c> (root) or <c>/var/tmp/sts-&lt;uid&gt;</c> (anyone else). Any text is a path.
    /// </summary>
    public static string? WorkDirectory => Read(Variables.WorkDirectory);

    /// <summary>
    /// <c>STS_TEST_DISKS</c>: disks the user gives Sts to destroy, separated by commas or
    /// whitespace, e.g. "/dev/vdb,/dev/vdc". Default: none. Any text is a list of paths (each is
    /// still checked by the device guard before use).
    /// </summary>
    public static IReadOnlyList<string> TestDisks =>
        Read(Variables.TestDisks)?.Split([',', ' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries) ?? [];

    /// <summary>
    /// <c>STS_TEST_DISKS_FILE</c>: a file listing test disks, one a line ('#' starts a comment).
    /// Default: null, for <c>/etc/sts/test-disks</c>. Any text is a path.
    /// </summary>
    public static string? TestDisksFile => Read(Variables.TestDisksFile);

    /// <summary>
    /// <c>STS_DMPD_TOOLS</c>: the directory of the thin-provisioning-tools to run (e.g. a 1.x
    /// package unpacked beside the distribution's 0.9). Default: null, for PATH and the sbin
    /// directories. Any text is a path (a directory without the tools makes the tools absent).
    /// </summary>
    public static string? DmpdTools => Read(Variables.DmpdTools);

    /// <summary>
    /// <c>STS_DM_BACKEND</c>: the device-mapper backend, "ioctl" (the native ioctl layer) or
    /// "dmsetup" (the dmsetup tool). Default: "ioctl".
    /// </summary>
    /// <exception cref="StsEnvironmentException">The variable holds anything else.</exception>
    public static string DmBackend => Read(Variables.DmBackend) switch
    {
        null or "ioctl" => "ioctl",
        "dmsetup" => "dmsetup",
        var other => throw new StsEnvironmentException(Variables.DmBackend, other, "'ioctl' or 'dmsetup'"),
    };

    /// <summary>
    /// <c>STS_REQUIRE_KERNEL</c>: "1" demands the kernel (lab VM, CI): a missing prerequisite fails
    /// a test instead of skipping it. Default: false ("0" or unset).
    /// </summary>
    /// <exception cref="StsEnvironmentException">The variable holds something other than "1" or "0".</exception>
    public static bool RequireKernel => Flag(Variables.RequireKernel);

    /// <summary>
    /// <c>STS_LAB_VM</c>: "1" inside the Sts lab VM (its runner sets it). Default: false ("0" or unset).
    /// </summary>
    /// <exception cref="StsEnvironmentException">The variable holds something other than "1" or "0".</exception>
    public static bool IsLabVm => Flag(Variables.LabVm);

    /// <summary>
    /// <c>STS_ARTIFACTS</c>: the root of a run's artifacts (logs, diagnostics, leaks.txt,
    /// allure-results, results.db). Default: null, for NUnit's work directory (the result store:
    /// the repository's artifacts/). Any text is a path.
    /// </summary>
    public static string? Artifacts => Read(Variables.Artifacts);

    /// <summary>
    /// <c>STS_RESULTS_DB</c>: the result store's file, or <see cref="Off"/> ("off") to record no
    /// results. Default: null, for results.db in <see cref="Artifacts"/> or the repository's
    /// artifacts/. Any other text is a path.
    /// </summary>
    public static string? ResultsDatabase => Read(Variables.ResultsDatabase);

    /// <summary>
    /// <c>STS_RESULT_SET</c>: the name a run's results are recorded under (e.g. "6.12 + tools 1.1").
    /// Default: null, for the kernel release. Any text is a name.
    /// </summary>
    public static string? ResultSet => Read(Variables.ResultSet);

    /// <summary>
    /// <c>STS_KERNEL_ORIGIN</c>: where the kernel under test came from, for the record (e.g.
    /// "Debian linux-image-amd64 from bookworm-backports"). Default: null, for "lab VM" or "this
    /// machine". Any text is a description.
    /// </summary>
    public static string? KernelOrigin => Read(Variables.KernelOrigin);

    /// <summary>
    /// <c>STS_ALLURE_RESULTS</c>: the Allure results directory (results accumulate there), or
    /// <see cref="Off"/> ("off"; also "0" or "none") to write none. Default: null, for
    /// <c>allure-results</c> in <see cref="Artifacts"/> or NUnit's work directory, emptied at the
    /// start. Any other text is a path.
    /// </summary>
    public static string? AllureResults => Read(Variables.AllureResults) switch
    {
        "0" or "none" => Off,
        var value => value,
    };

    /// <summary>
    /// <c>STS_ALLURE_SCENARIO_URL</c>: where a scenario's catalog entry is, a URL with {0} for the
    /// scenario's number (e.g. "https://example.org/sts/Sts.Tests/Scenarios/README.md#scenario-{0}").
    /// Default: null, for the catalog in the checkout the tests run from.
    /// </summary>
    /// <exception cref="StsEnvironmentException">The value is not a format with {0} and no other placeholder.</exception>
    public static string? AllureScenarioUrl
    {
        get
        {
            if (Read(Variables.AllureScenarioUrl) is not { } pattern)
            {
                return null;
            }

            try
            {
                if (string.Format(CultureInfo.InvariantCulture, pattern, "\u0001") is var probe && probe.Contains('\u0001', StringComparison.Ordinal))
                {
                    return pattern;
                }
            }
            catch (FormatException)
            {
                // reported below
            }

            throw new StsEnvironmentException(Variables.AllureScenarioUrl, pattern, "a URL with {0} for the scenario number");
        }
    }

    /// <summary>
    /// <c>STS_TEST_TIME_LIMIT</c>: the time limit of a destructive test without a [TimeLimit], in
    /// whole seconds. Default: null, for 600 seconds.
    /// </summary>
    /// <exception cref="StsEnvironmentException">The value is not a positive whole number.</exception>
    public static TimeSpan? TestTimeLimit => PositiveInteger(Variables.TestTimeLimit) is { } seconds ? TimeSpan.FromSeconds(seconds) : null;

    /// <summary>
    /// <c>TMT_TEST_DATA</c>: set by tmt for a test it runs (its data directory); Sts reads only
    /// whether it is set, to name tmt as the executor in reports. Default: null (not under tmt).
    /// </summary>
    public static string? TmtTestData => Read(Variables.TmtTestData);

    /// <summary>
    /// <c>STS_GUEST_KERNEL</c> (Sts's own tests): the release of the lab VM's kernel, set by the
    /// runner, so a test can tell the guest's kernel ran it and not the host's. Default: null.
    /// </summary>
    public static string? GuestKernel => Read(Variables.GuestKernel);

    /// <summary>
    /// <c>STS_FUZZ_SECONDS</c> (Sts's own fuzz tests): the time all fuzz targets share, in
    /// seconds (fractions allowed). Default: null, for 90 seconds.
    /// </summary>
    /// <exception cref="StsEnvironmentException">The value is not a positive number.</exception>
    public static TimeSpan? FuzzDuration
    {
        get
        {
            if (Read(Variables.FuzzSeconds) is not { } text)
            {
                return null;
            }

            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds < TimeSpan.MaxValue.TotalSeconds
                ? TimeSpan.FromSeconds(seconds)
                : throw new StsEnvironmentException(Variables.FuzzSeconds, text, "a positive number of seconds");
        }
    }

    /// <summary>
    /// <c>STS_FUZZ_SEED</c> (Sts's own fuzz tests): the seed of the input generator, to repeat a
    /// run. Default: null, for 13.
    /// </summary>
    /// <exception cref="StsEnvironmentException">The value is not a whole number.</exception>
    public static int? FuzzSeed
    {
        get
        {
            if (Read(Variables.FuzzSeed) is not { } text)
            {
                return null;
            }

            return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed)
                ? seed
                : throw new StsEnvironmentException(Variables.FuzzSeed, text, "a whole number");
        }
    }

    /// <summary>
    /// <c>STS_FUZZ_INPUT_MS</c> (Sts's own fuzz tests): how long one input may take before it
    /// counts as a hang, in whole milliseconds. Default: null, for 2000 ms.
    /// </summary>
    /// <exception cref="StsEnvironmentException">The value is not a positive whole number.</exception>
    public static TimeSpan? FuzzInputBound => PositiveInteger(Variables.FuzzInputMilliseconds) is { } ms ? TimeSpan.FromMilliseconds(ms) : null;

    /// <summary>
    /// <c>STS_FUZZ_REPORT</c> (Sts's own fuzz tests): a file the per-target input counts are
    /// written to. Default: null (written to the test output only). Any text is a path.
    /// </summary>
    public static string? FuzzReport => Read(Variables.FuzzReport);

    /// <summary>
    /// <c>STS_FUZZ_FINDINGS</c> (Sts's own fuzz tests): the directory minimised failing inputs
    /// are kept in. Default: null, for fuzz-findings in NUnit's work directory. Any text is a path.
    /// </summary>
    public static string? FuzzFindings => Read(Variables.FuzzFindings);

    /// <summary>
    /// <c>STS_FAULT_CAMPAIGN</c> (Sts's own fault-injection tests): <c>full</c> runs every
    /// injection point, 20 load rounds and 5 kills (a nightly run); <c>ci</c> a CI-sized subset
    /// (every other step, alternating per run; 5 load rounds; 2 kills). Default: <c>ci</c>.
    /// </summary>
    /// <exception cref="StsEnvironmentException">The value is neither 'full' nor 'ci'.</exception>
    public static bool FullFaultCampaign => Read(Variables.FaultCampaign) switch
    {
        null or "ci" => false,
        "full" => true,
        var other => throw new StsEnvironmentException(Variables.FaultCampaign, other, "'full' or 'ci'"),
    };

    private static string? Read(string variable) => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : null;

    private static bool Flag(string variable) => Read(variable) switch
    {
        null or "0" => false,
        "1" => true,
        var other => throw new StsEnvironmentException(variable, other, "'1' or '0'"),
    };

    private static int? PositiveInteger(string variable)
    {
        if (Read(variable) is not { } text)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new StsEnvironmentException(variable, text, "a positive whole number");
    }

    /// <summary>The variables' names, for code that sets them (a test, a child process) or names them in a message.</summary>
    public static class Variables
    {
        /// <summary>See <see cref="StsEnvironment.WorkDirectory"/>.</summary>
        public const string WorkDirectory = "STS_WORK_DIR";

        /// <summary>See <see cref="StsEnvironment.TestDisks"/>.</summary>
        public const string TestDisks = "STS_TEST_DISKS";

        /// <summary>See <see cref="StsEnvironment.TestDisksFile"/>.</summary>
        public const string TestDisksFile = "STS_TEST_DISKS_FILE";

        /// <summary>See <see cref="StsEnvironment.DmpdTools"/>.</summary>
        public const string DmpdTools = "STS_DMPD_TOOLS";

        /// <summary>See <see cref="StsEnvironment.DmBackend"/>.</summary>
        public const string DmBackend = "STS_DM_BACKEND";

        /// <summary>See <see cref="StsEnvironment.RequireKernel"/>.</summary>
        public const string RequireKernel = "STS_REQUIRE_KERNEL";

        /// <summary>See <see cref="StsEnvironment.IsLabVm"/>.</summary>
        public const string LabVm = "STS_LAB_VM";

        /// <summary>See <see cref="StsEnvironment.Artifacts"/>.</summary>
        public const string Artifacts = "STS_ARTIFACTS";

        /// <summary>See <see cref="StsEnvironment.ResultsDatabase"/>.</summary>
        public const string ResultsDatabase = "STS_RESULTS_DB";

        /// <summary>See <see cref="StsEnvironment.ResultSet"/>.</summary>
        public const string ResultSet = "STS_RESULT_SET";

        /// <summary>See <see cref="StsEnvironment.KernelOrigin"/>.</summary>
        public const string KernelOrigin = "STS_KERNEL_ORIGIN";

        /// <summary>See <see cref="StsEnvironment.AllureResults"/>.</summary>
        public const string AllureResults = "STS_ALLURE_RESULTS";

        /// <summary>See <see cref="StsEnvironment.AllureScenarioUrl"/>.</summary>
        public const string AllureScenarioUrl = "STS_ALLURE_SCENARIO_URL";

        /// <summary>See <see cref="StsEnvironment.TestTimeLimit"/>.</summary>
        public const string TestTimeLimit = "STS_TEST_TIME_LIMIT";

        /// <summary>See <see cref="StsEnvironment.TmtTestData"/>.</summary>
        public const string TmtTestData = "TMT_TEST_DATA";

        /// <summary>See <see cref="StsEnvironment.GuestKernel"/>.</summary>
        public const string GuestKernel = "STS_GUEST_KERNEL";

        /// <summary>See <see cref="StsEnvironment.FuzzDuration"/>.</summary>
        public const string FuzzSeconds = "STS_FUZZ_SECONDS";

        /// <summary>See <see cref="StsEnvironment.FuzzSeed"/>.</summary>
        public const string FuzzSeed = "STS_FUZZ_SEED";

        /// <summary>See <see cref="StsEnvironment.FuzzInputBound"/>.</summary>
        public const string FuzzInputMilliseconds = "STS_FUZZ_INPUT_MS";

        /// <summary>See <see cref="StsEnvironment.FuzzReport"/>.</summary>
        public const string FuzzReport = "STS_FUZZ_REPORT";

        /// <summary>See <see cref="StsEnvironment.FuzzFindings"/>.</summary>
        public const string FuzzFindings = "STS_FUZZ_FINDINGS";

        /// <summary>See <see cref="StsEnvironment.FullFaultCampaign"/>.</summary>
        public const string FaultCampaign = "STS_FAULT_CAMPAIGN";
    }
}
