namespace Sts.Cli;

/// <summary>An argument names something that does not exist or is malformed: exit status 2 with the message.</summary>
internal sealed class UsageException(string message) : Exception(message);
