namespace Sts.Dm.Status;

/// <summary>How a thin-pool handles discards, as its status reports it.</summary>
public enum ThinPoolDiscards
{
    /// <summary>"discard_passdown".</summary>
    Passdown,

    /// <summary>"no_discard_passdown".</summary>
    NoPassdown,

    /// <summary>"ignore_discard".</summary>
    Ignore,
}
