using System.Collections.Immutable;
using System.Text;

namespace Sts.Core.Commands;

/// <summary>
/// An external program to run: an immutable value. The program and each argument are passed to
/// the kernel as separate argv entries; no shell ever sees them, so spaces, quotes, <c>;</c>,
/// <c>$(...)</c> and non-ASCII text in device names arrive as data. Every <c>WithX</c> method
/// returns a new command.
/// </summary>
/// <example><code>
/// var result = await new Command("losetup").WithArguments("--find", "--show", path)
///     .WithTimeout(TimeSpan.FromSeconds(30))
///     .ExecuteAsync(executor, ct);
/// </code></example>
public sealed class Command
{
    /// <summary>How long a killed command gets between SIGTERM and SIGKILL, unless set.</summary>
    public static readonly TimeSpan DefaultKillGracePeriod = TimeSpan.FromSeconds(2);

    private Command(
        string program,
        ImmutableArray<string> arguments,
        string? workingDirectory,
        ImmutableDictionary<string, string?> environment,
        ReadOnlyMemory<byte>? standardInput,
        TimeSpan? timeout,
        TimeSpan killGracePeriod,
        CommandValidation validation,
        Func<Stream, CancellationToken, Task>? standardOutputReader)
    {
        Program = program;
        Arguments = arguments;
        WorkingDirectory = workingDirectory;
        Environment = environment;
        StandardInput = standardInput;
        Timeout = timeout;
        KillGracePeriod = killGracePeriod;
        Validation = validation;
        StandardOutputReader = standardOutputReader;
    }

    /// <summary>Creates a command for a program with no arguments.</summary>
    /// <param name="program">A program name looked up on PATH, or a path to an executable.</param>
    /// <exception cref="ArgumentException"><paramref name="program"/> is empty or contains a NUL byte.</exception>
    public Command(string program)
        : this(ValidateArgument(program, nameof(program), allowEmpty: false), [], null,
            ImmutableDictionary<string, string?>.Empty.WithComparers(StringComparer.Ordinal), null, null,
            DefaultKillGracePeriod, CommandValidation.ZeroExitCode, null)
    {
    }

    /// <summary>The program name or path: argv[0].</summary>
    public string Program { get; }

    /// <summary>The arguments, each one argv entry, in order.</summary>
    public ImmutableArray<string> Arguments { get; }

    /// <summary>The working directory, or null for the caller's.</summary>
    public string? WorkingDirectory { get; }

    /// <summary>Environment changes: a value sets the variable, null removes it.</summary>
    public ImmutableDictionary<string, string?> Environment { get; }

    /// <summary>Bytes written to the program's standard input, which is then closed; null for an empty input.</summary>
    public ReadOnlyMemory<byte>? StandardInput { get; }

    /// <summary>How long the command may run before its whole process tree is killed; null for no limit.</summary>
    public TimeSpan? Timeout { get; }

    /// <summary>Time between SIGTERM and SIGKILL when the command is stopped (timeout or cancellation).</summary>
    public TimeSpan KillGracePeriod { get; }

    /// <summary>What the executor checks before returning a result.</summary>
    public CommandValidation Validation { get; }

    /// <summary>
    /// Reads standard output as a stream while the command runs, instead of it being collected
    /// into <see cref="CommandResult.StandardOutput"/> (which is then empty): for output too large
    /// to hold in memory. Null to collect it.
    /// </summary>
    public Func<Stream, CancellationToken, Task>? StandardOutputReader { get; }

    /// <summary>Returns a copy with these arguments replacing the current ones.</summary>
    /// <param name="arguments">The new arguments; each becomes one argv entry.</param>
    /// <exception cref="ArgumentException">An argument is null or contains a NUL byte (argv cannot carry it).</exception>
    public Command WithArguments(params IEnumerable<string> arguments) =>
        With(arguments: ValidateArguments(arguments));

    /// <summary>Returns a copy with these arguments appended to the current ones.</summary>
    /// <param name="arguments">The arguments to append.</param>
    /// <exception cref="ArgumentException">An argument is null or contains a NUL byte.</exception>
    public Command AddArguments(params IEnumerable<string> arguments) =>
        With(arguments: Arguments.AddRange(ValidateArguments(arguments)));

    /// <summary>Returns a copy that runs in the given directory.</summary>
    /// <param name="directory">The working directory; null for the caller's.</param>
    public Command WithWorkingDirectory(string? directory) => With(workingDirectory: new(directory));

    /// <summary>Returns a copy that sets (or, with null, removes) one environment variable.</summary>
    /// <param name="name">The variable's name.</param>
    /// <param name="value">Its value, or null to remove it from the child's environment.</param>
    /// <exception cref="ArgumentException">The name is empty or contains '=' or NUL.</exception>
    public Command WithEnvironment(string name, string? value)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('=', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' is not a valid environment variable name.", nameof(name));
        }

        if (value is not null)
        {
            ValidateArgument(value, nameof(value), allowEmpty: true);
        }

        return With(environment: Environment.SetItem(name, value));
    }

    /// <summary>Returns a copy that writes the given bytes to standard input, then closes it.</summary>
    /// <param name="input">The bytes to write.</param>
    public Command WithStandardInput(ReadOnlyMemory<byte> input) => With(standardInput: new(input));

    /// <summary>Returns a copy that writes the given text, UTF-8 encoded, to standard input.</summary>
    /// <param name="input">The text to write.</param>
    public Command WithStandardInput(string input) => WithStandardInput(Encoding.UTF8.GetBytes(input));

    /// <summary>Returns a copy whose whole process tree is killed after the given time.</summary>
    /// <param name="timeout">The limit; null for none.</param>
    /// <exception cref="ArgumentOutOfRangeException">The limit is zero or negative.</exception>
    public Command WithTimeout(TimeSpan? timeout)
    {
        if (timeout is { } t && t <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A timeout must be positive.");
        }

        return With(timeout: new(timeout));
    }

    /// <summary>Returns a copy with another grace period between SIGTERM and SIGKILL.</summary>
    /// <param name="gracePeriod">Zero kills at once.</param>
    /// <exception cref="ArgumentOutOfRangeException">The period is negative.</exception>
    public Command WithKillGracePeriod(TimeSpan gracePeriod)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(gracePeriod, TimeSpan.Zero);
        return With(killGracePeriod: gracePeriod);
    }

    /// <summary>Returns a copy with another validation.</summary>
    /// <param name="validation">What to check before returning a result.</param>
    public Command WithValidation(CommandValidation validation) => With(validation: validation);

    /// <summary>
    /// Returns a copy whose standard output is handed to a reader, as a stream, while the command
    /// runs. What the reader leaves unread is discarded so the program can finish. When the reader
    /// throws, its exception is rethrown once the program has exited zero; a non-zero exit is
    /// reported as usual instead (with <see cref="CommandValidation.ZeroExitCode"/>, a
    /// <see cref="CommandFailedException"/> whose inner exception is the reader's), since a
    /// failing program explains its truncated output.
    /// </summary>
    /// <param name="reader">Reads the stream; the token is cancelled when the command is stopped. Null to collect the output again.</param>
    public Command WithStandardOutputReader(Func<Stream, CancellationToken, Task>? reader) =>
        With(standardOutputReader: new(reader));

    /// <summary>
    /// Runs the command on an executor. See <see cref="ICommandExecutor.ExecuteAsync"/> for
    /// what is thrown.
    /// </summary>
    /// <param name="executor">Where to run it; null for <see cref="LocalCommandExecutor.Shared"/>.</param>
    /// <param name="cancellationToken">Stops the command (its process tree is killed).</param>
    /// <returns>The finished command's result.</returns>
    public Task<CommandResult> ExecuteAsync(ICommandExecutor? executor = null, CancellationToken cancellationToken = default) =>
        (executor ?? LocalCommandExecutor.Shared).ExecuteAsync(this, cancellationToken);

    /// <summary>
    /// The command line as a POSIX shell would need it quoted, for humans reading logs and error
    /// messages. It is never executed.
    /// </summary>
    public override string ToString() => CommandLine.Format(Program, Arguments);

    private Command With(
        ImmutableArray<string>? arguments = null,
        Optional<string?>? workingDirectory = null,
        ImmutableDictionary<string, string?>? environment = null,
        Optional<ReadOnlyMemory<byte>?>? standardInput = null,
        Optional<TimeSpan?>? timeout = null,
        TimeSpan? killGracePeriod = null,
        CommandValidation? validation = null,
        Optional<Func<Stream, CancellationToken, Task>?>? standardOutputReader = null) =>
        new(Program,
            arguments ?? Arguments,
            workingDirectory is { } wd ? wd.Value : WorkingDirectory,
            environment ?? Environment,
            standardInput is { } si ? si.Value : StandardInput,
            timeout is { } t ? t.Value : Timeout,
            killGracePeriod ?? KillGracePeriod,
            validation ?? Validation,
            standardOutputReader is { } reader ? reader.Value : StandardOutputReader);

    private static ImmutableArray<string> ValidateArguments(IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var builder = ImmutableArray.CreateBuilder<string>();
        foreach (var argument in arguments)
        {
            builder.Add(ValidateArgument(argument, nameof(arguments), allowEmpty: true));
        }

        return builder.ToImmutable();
    }

    private static string ValidateArgument(string? value, string parameter, bool allowEmpty)
    {
        if (value is null)
        {
            throw new ArgumentException("A command argument cannot be null.", parameter);
        }

        if (!allowEmpty && value.Length == 0)
        {
            throw new ArgumentException("A program name cannot be empty.", parameter);
        }

        // argv entries are C strings: a NUL would silently truncate the argument.
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"An argument cannot contain a NUL byte: {CommandLine.Quote(value)}.", parameter);
        }

        return value;
    }

    /// <summary>Tells "leave as is" (null) apart from "set to null" in <see cref="With"/>.</summary>
    private readonly record struct Optional<T>(T Value);
}
