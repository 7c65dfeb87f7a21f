namespace Sts.Tests.Kernel.Hostile;

/// <summary>The families of hostile input the corpus covers (issue 13, item 3).</summary>
internal enum HostileCategory
{
    /// <summary>Device names: create, rename and look up.</summary>
    Names,

    /// <summary>Uuids: create with one, set one.</summary>
    Uuids,

    /// <summary>Tables: shapes, sizes that overflow, targets and argument counts, devices that do not exist.</summary>
    Tables,

    /// <summary>Target messages.</summary>
    Messages,

    /// <summary>Device sizes against the backing device.</summary>
    Sizes,
}
