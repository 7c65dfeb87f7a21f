using Sts.Dm;
using Sts.Dm.Errors;

namespace Sts.Tests.Kernel.Hostile;

/// <summary>Target messages: an answer, a refusal by the target (<see cref="DmMessageRefusedException"/>), or text refused before it is sent.</summary>
internal static partial class HostileCorpus
{
    private static IEnumerable<HostileCase> Messages() =>
    [
        // Targets that take no messages.
        Message("zero", "a target without messages", "hello", typeof(DmMessageRefusedException)),
        Message("linear", "a target without messages", "hello world", typeof(DmMessageRefusedException)),
        Message("zero", "command substitution", "$(touch {marker})", typeof(DmMessageRefusedException)),
        Message("zero", "backticks", "`touch {marker}`; touch {marker}", typeof(DmMessageRefusedException)),
        Message("zero", "an option", "--help", typeof(DmMessageRefusedException)),
        Message("zero", "a dash", "-", typeof(DmMessageRefusedException)),
        Message("zero", "non-ASCII", "héllo wörld 日本", typeof(DmMessageRefusedException)),
        Message("zero", "control characters", "a\tb\u0001\u007f\u0085", typeof(DmMessageRefusedException)),
        Message("zero", "a sector past the device", "hello", typeof(DmMessageRefusedException), sector: 8),
        Message("zero", "the largest sector Sts can name (2^54-1)", "hello", typeof(DmMessageRefusedException), sector: long.MaxValue / 512),
        Message("zero", "1000 bytes", "hello " + new string('x', 1000), typeof(DmMessageRefusedException)),
        Message("zero", "64 KiB, the longest message", "hello " + new string('x', 65536 - 6), typeof(DmMessageRefusedException)),

        // Device messages (dm-stats, deferred remove): answered by dm itself.
        Message("zero", "@stats_list", "@stats_list", Device),
        Message("zero", "@stats_list with surrounding blanks", "  @stats_list\t ", Device),
        Message("linear", "@stats_list", "@stats_list", Device),
        Message("zero", "@stats_create without arguments", "@stats_create", typeof(DmMessageRefusedException)),
        Message("zero", "@stats_create with a bad range", "@stats_create x /1", typeof(DmMessageRefusedException)),
        Message("zero", "@stats_create with zero areas", "@stats_create - /0", typeof(DmMessageRefusedException)),
        Message("zero", "@stats_delete of a region that does not exist", "@stats_delete 99999", typeof(DmMessageRefusedException)),
        Message("zero", "@stats_print of a region that is not a number", "@stats_print abc", typeof(DmMessageRefusedException)),
        Message("zero", "@stats_print of region 2^64", "@stats_print 18446744073709551616", typeof(DmMessageRefusedException)),
        Message("zero", "@cancel_deferred_remove with an argument", "@cancel_deferred_remove x", typeof(DmMessageRefusedException)),
        Message("zero", "an unknown device message", "@sts_no_such", typeof(DmMessageRefusedException)),

        // A thin pool: malformed arguments.
        Message("pool", "create_thin without an id", "create_thin", typeof(DmMessageRefusedException)),
        Message("pool", "create_thin with a word", "create_thin abc", typeof(DmMessageRefusedException)),
        Message("pool", "create_thin -1", "create_thin -1", typeof(DmMessageRefusedException)),
        Message("pool", "create_thin 2^24 (past 24 bits)", "create_thin 16777216", typeof(DmMessageRefusedException)),
        Message("pool", "create_thin 2^64", "create_thin 18446744073709551616", typeof(DmMessageRefusedException)),
        Message("pool", "create_thin with two ids", "create_thin 0 0", typeof(DmMessageRefusedException)),
        Message("pool", "create_snap of an origin that does not exist", "create_snap 1 99", typeof(DmMessageRefusedException)),
        Message("pool", "delete of a thin that does not exist", "delete 77", typeof(DmMessageRefusedException)),
        Message("pool", "set_transaction_id from a wrong id", "set_transaction_id 5 6", typeof(DmMessageRefusedException)),
        Message("pool", "set_transaction_id with words", "set_transaction_id x y", typeof(DmMessageRefusedException)),
        Message("pool", "release_metadata_snap with none held", "release_metadata_snap", typeof(DmMessageRefusedException)),
        Message("pool", "reserve_metadata_snap with an argument", "reserve_metadata_snap extra", typeof(DmMessageRefusedException)),
        Message("pool", "an unknown message", "sts_no_such_message 1", typeof(DmMessageRefusedException)),
        Message("pool", "@stats_list", "@stats_list", Device),

        // Text refused before it is sent: the two backends could not carry it alike (dmsetup takes
        // the text as one argv word: no NUL, at most 128 KiB; a lone surrogate has no UTF-8 form).
        Message("zero", "empty", "", typeof(DmValidationException)),
        Message("zero", "blanks only", " \t ", typeof(DmValidationException)),
        Message("zero", "two lines", "@stats_list\nhello", typeof(DmValidationException)),
        Message("zero", "a NUL", "@stats_list\0hello", typeof(DmValidationException)),
        Message("zero", "a lone surrogate", "hello \ud800", typeof(DmValidationException)),
        Message("zero", "one byte past 64 KiB", "hello " + new string('x', 65536 - 5), typeof(DmValidationException)),
        Message("zero", "200 KiB", "hello " + new string('x', 200 * 1024), typeof(DmValidationException)),

        // Devices that do not exist, names that are refused.
        MessageByName("a device that does not exist", "{p}missing", "hello", typeof(DmDeviceNotFoundException)),
        MessageByName("@stats_list to a device that does not exist", "{p}missing", "@stats_list", typeof(DmDeviceNotFoundException)),
        MessageByName("to the control node's name", "control", "hello", typeof(DmNameException)),
        MessageByName("to a name with a slash", "{p}a/b", "hello", typeof(DmNameException)),
    ];
}
