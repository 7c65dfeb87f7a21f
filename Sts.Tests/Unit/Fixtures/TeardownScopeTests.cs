using FluentAssertions;
using NUnit.Framework;
using Sts.Fixtures.Stacks;

namespace Sts.Tests.Unit.Fixtures;

/// <summary>
/// The bookkeeping behind scoped lifetimes, without a kernel: a fixture ended early runs its own
/// teardown steps in reverse order, once; the stack's teardown then runs only the rest.
/// </summary>
public sealed class TeardownScopeTests
{
    [Test]
    public async Task A_scope_ended_early_runs_its_steps_in_reverse_once_and_the_stack_runs_only_the_rest()
    {
        var ran = new List<string>();
        var stack = new DeviceStack();
        stack.Defer("before", Record(ran, "before"));
        var scope = new TeardownScope();
        await stack.InScopeAsync(scope, () =>
        {
            stack.Defer("first of the fixture", Record(ran, "first of the fixture"));
            stack.Defer("second of the fixture", Record(ran, "second of the fixture"));
            return Task.FromResult(0);
        });
        stack.Defer("after", Record(ran, "after"));

        await DeviceStack.EndScopeAsync(scope, "the fixture");

        ran.Should().Equal("second of the fixture", "first of the fixture");
        stack.PendingTeardown.Should().Equal("after", "before");

        await DeviceStack.EndScopeAsync(scope, "the fixture");
        await stack.DisposeAsync();

        ran.Should().Equal("second of the fixture", "first of the fixture", "after", "before");
    }

    [Test]
    public async Task Steps_registered_outside_the_scope_in_a_parallel_flow_stay_out_of_it()
    {
        var ran = new List<string>();
        await using var stack = new DeviceStack();
        var scope = new TeardownScope();
        var inside = new TaskCompletionSource();
        var building = stack.InScopeAsync(scope, async () =>
        {
            stack.Defer("fixture", Record(ran, "fixture"));
            await inside.Task;
            return 0;
        });

        stack.Defer("parallel", Record(ran, "parallel")); // another async flow while the fixture is being built
        inside.SetResult();
        await building;
        await DeviceStack.EndScopeAsync(scope, "the fixture");

        ran.Should().Equal("fixture");
    }

    [Test]
    public async Task A_failing_step_of_a_scope_is_reported_every_other_step_still_runs_and_the_stack_does_not_rerun_it()
    {
        var ran = new List<string>();
        var stack = new DeviceStack();
        var scope = new TeardownScope();
        await stack.InScopeAsync(scope, () =>
        {
            stack.Defer("kept", Record(ran, "kept"));
            stack.Defer("fails", _ => throw new IOException("failed on purpose"));
            return Task.FromResult(0);
        });

        var end = () => DeviceStack.EndScopeAsync(scope, "the fixture").AsTask();

        (await end.Should().ThrowAsync<StackTeardownException>()).Which.Failures.Should().ContainSingle().Which.Step.Should().Be("fails");
        ran.Should().Equal("kept");
        await stack.DisposeAsync(); // does not throw: the failed step ran already
        ran.Should().Equal("kept");
    }

    private static Func<CancellationToken, Task> Record(List<string> ran, string name) => _ =>
    {
        lock (ran)
        {
            ran.Add(name);
        }

        return Task.CompletedTask;
    };
}
