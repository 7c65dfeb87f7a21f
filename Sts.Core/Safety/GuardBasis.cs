namespace Sts.Core.Safety;

/// <summary>Why <see cref="DeviceGuard"/> admitted a device or file.</summary>
public enum GuardBasis
{
    /// <summary>The run created it: a device-mapper device with the run's prefix, a loop device over a file of the run's directory, or such a file.</summary>
    CreatedByRun,

    /// <summary>The user listed it as a test disk (<see cref="TestDisks"/>).</summary>
    ListedTestDisk,
}
