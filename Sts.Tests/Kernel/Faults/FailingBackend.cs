using System.Reflection;
using System.Runtime.ExceptionServices;
using Sts.Core;
using Sts.Dm.Backends;
using Sts.Dm.Errors;
using static Sts.Dm.Interop.DmIoctl;

namespace Sts.Tests.Kernel.Faults;

/// <summary>
/// A backend decorator that fails the k-th kernel operation that changes something (create, load,
/// suspend, resume, remove, message, ...) with the errno-typed exception the real backends throw
/// for that operation (built by the same mapping, <see cref="DmErrnoMapping"/>): an injected,
/// not a real, kernel refusal. Every other call goes to the real backend unchanged.
/// </summary>
#pragma warning disable CA1852 // DispatchProxy derives a type from it at run time: it cannot be sealed
internal class FailingBackend : DispatchProxy
#pragma warning restore CA1852
{
    private static readonly Dictionary<string, (Command Ioctl, string Operation, Errno Errno)> Mutating = new()
    {
        // the errno each operation most often fails with on a real kernel
        [nameof(IDmBackend.CreateAsync)] = (Command.TableLoad, "table load", Errno.EINVAL),
        [nameof(IDmBackend.LoadAsync)] = (Command.TableLoad, "table load", Errno.EINVAL),
        [nameof(IDmBackend.ClearInactiveAsync)] = (Command.TableClear, "table clear", Errno.ENXIO),
        [nameof(IDmBackend.SuspendAsync)] = (Command.DevSuspend, "suspend", Errno.EINVAL),
        [nameof(IDmBackend.ResumeAsync)] = (Command.DevSuspend, "resume", Errno.EINVAL),
        [nameof(IDmBackend.RemoveAsync)] = (Command.DevRemove, "remove", Errno.EBUSY),
        [nameof(IDmBackend.RemoveByPrefixAsync)] = (Command.DevRemove, "remove", Errno.EBUSY),
        [nameof(IDmBackend.RenameAsync)] = (Command.DevRename, "rename", Errno.EINVAL),
        [nameof(IDmBackend.SetUuidAsync)] = (Command.DevRename, "set uuid", Errno.EINVAL),
        [nameof(IDmBackend.SendMessageAsync)] = (Command.TargetMsg, "message", Errno.EINVAL),
    };

    private IDmBackend _inner = null!;
    private int _failAt;
    private int _count;

    /// <summary>The operations that changed something so far (including the failed one), e.g. "RemoveAsync sts-…-linear-1".</summary>
    public List<string> Operations { get; } = [];

    /// <summary>The exception thrown for the failed operation, once it was.</summary>
    public Exception? Thrown { get; private set; }

    /// <summary>Wraps a backend.</summary>
    /// <param name="inner">The real backend.</param>
    /// <param name="failAt">Which changing operation fails (1-based); 0 for none (to count them).</param>
    /// <returns>The decorated backend and its control.</returns>
    public static (IDmBackend Backend, FailingBackend Control) Wrap(IDmBackend inner, int failAt)
    {
        var backend = Create<IDmBackend, FailingBackend>();
        var control = (FailingBackend)(object)backend;
        control._inner = inner;
        control._failAt = failAt;
        return (backend, control);
    }

    /// <summary>How many changing operations ran.</summary>
    public int Count => Volatile.Read(ref _count);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IDisposable.Dispose))
        {
            return null; // the test disposes the real backend
        }

        if (Mutating.TryGetValue(targetMethod.Name, out var kind))
        {
            var device = args is { Length: > 0 } ? args[0] as string : null;
            var n = Interlocked.Increment(ref _count);
            lock (Operations)
            {
                Operations.Add($"{kind.Operation} {device}");
            }

            if (n == _failAt)
            {
                var message = targetMethod.Name == nameof(IDmBackend.SendMessageAsync) ? (args![1]!.ToString()!, default(Sts.Core.Units.Sectors)) : ((string, Sts.Core.Units.Sectors)?)null;
                Thrown = DmErrnoMapping.ToException(kind.Ioctl, kind.Operation, device, kind.Errno, report: null, message);
                return Faulted(targetMethod.ReturnType, Thrown);
            }
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }

    private static object Faulted(Type returnType, Exception exception)
    {
        if (returnType == typeof(Task))
        {
            return Task.FromException(exception);
        }

        var result = returnType.GetGenericArguments()[0];
        return typeof(Task).GetMethods().Single(m => m.Name == nameof(Task.FromException) && m.IsGenericMethodDefinition)
            .MakeGenericMethod(result).Invoke(null, [exception])!;
    }
}
