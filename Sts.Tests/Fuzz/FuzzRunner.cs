using System.Diagnostics;
using Sts.Core;

namespace Sts.Tests.Fuzz;

/// <summary>A property that failed for one input: its kind (for minimising to the same failure) and what happened.</summary>
internal sealed record FuzzFinding(string Kind, string Message);

/// <summary>
/// Runs one input through a target and checks the properties: only a documented exception; no
/// hang (a per-input time bound); an accepted value is readable in full and round-trips through
/// its text form. Minimises a failing input to a small one that fails the same way.
/// </summary>
internal static class FuzzRunner
{
    /// <summary>The per-input time bound (STS_FUZZ_INPUT_MS, default 2000 ms: generous for two shared cores; a quadratic parser on 100,000 characters takes many seconds).</summary>
    public static TimeSpan InputBound { get; } = StsEnvironment.FuzzInputBound ?? TimeSpan.FromMilliseconds(2000);

    public static FuzzFinding? Check(FuzzTarget target, string input)
    {
        var watch = Stopwatch.StartNew();
        var run = Task.Run(() => Run(target, input));
        if (!run.Wait(InputBound * 5))
        {
            return new FuzzFinding("hang", $"no answer within {InputBound * 5} (still running)");
        }

        var finding = run.Result;
        if (finding is null && watch.Elapsed > InputBound)
        {
            return new FuzzFinding("slow", $"took {watch.Elapsed.TotalMilliseconds:0} ms, over the bound of {InputBound.TotalMilliseconds:0} ms");
        }

        return finding;
    }

    private static FuzzFinding? Run(FuzzTarget target, string input)
    {
        object? value;
        try
        {
            value = target.Parse(input);
        }
        catch (Exception e) when (target.Documented.Any(t => t.IsInstanceOfType(e)))
        {
            return null;
        }
        catch (Exception e)
        {
            return new FuzzFinding("exception " + e.GetType().FullName, $"undocumented {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
        }

        if (value is null)
        {
            return null;
        }

        if (Readable.Check(value) is { } unreadable)
        {
            return new FuzzFinding("unreadable", unreadable);
        }

        if (target.Check?.Invoke(input, value) is { } failed)
        {
            return new FuzzFinding("check", failed);
        }

        if (target.Format is { } format)
        {
            string text;
            try
            {
                text = format(value);
                var again = target.Parse(text);
                if (again is null || format(again) != text)
                {
                    return new FuzzFinding("round trip", $"{Mutator.Literal(text)} reads back as {(again is null ? "nothing" : Mutator.Literal(format(again)))}");
                }
            }
            catch (Exception e)
            {
                return new FuzzFinding("round trip", $"writing or re-reading the value threw {e.GetType().Name}: {e.Message}");
            }
        }

        return null;
    }

    /// <summary>Shrinks a failing input: drops chunks, then single characters, while it still fails the same way (bounded in time).</summary>
    public static string Minimise(FuzzTarget target, string input, FuzzFinding finding)
    {
        var deadline = Stopwatch.StartNew();
        bool FailsAlike(string candidate) => Check(target, candidate) is { } f && f.Kind == finding.Kind;

        // Slow inputs need their length to be slow: only try halving runs, never below a bound.
        if (finding.Kind is "slow" or "hang")
        {
            return input;
        }

        var current = input;
        for (var chunk = Math.Max(1, current.Length / 2); chunk >= 1 && deadline.Elapsed < TimeSpan.FromSeconds(20); chunk /= 2)
        {
            var progressed = true;
            while (progressed && deadline.Elapsed < TimeSpan.FromSeconds(20))
            {
                progressed = false;
                for (var start = 0; start + chunk <= current.Length; start += chunk)
                {
                    var candidate = current.Remove(start, chunk);
                    if (FailsAlike(candidate))
                    {
                        current = candidate;
                        progressed = true;
                        break;
                    }
                }
            }

            if (chunk == 1)
            {
                break;
            }
        }

        return current;
    }
}
