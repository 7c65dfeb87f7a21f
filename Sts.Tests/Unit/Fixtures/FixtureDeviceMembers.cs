using System.Reflection;
using Sts.Core.Devices;
using Sts.Core.Safety;
using Sts.Fixtures.Stacks;

namespace Sts.Tests.Unit.Fixtures;

/// <summary>
/// The public members of Sts.Fixtures that accept a device, found by reflection so that members
/// added later are covered without editing the tests: method and constructor parameters, and
/// settable (init) properties of option records, whose type is or contains a device type.
/// </summary>
internal static class FixtureDeviceMembers
{
    /// <summary>The fixture library's assembly.</summary>
    public static Assembly Assembly => typeof(DeviceStack).Assembly;

    /// <summary>Every public member that takes a value of a type for which <paramref name="isDevice"/> holds.</summary>
    /// <param name="isDevice">Which types count.</param>
    /// <returns>"Type.Member(parameter)" descriptions with the member.</returns>
    public static IReadOnlyList<(string Description, MemberInfo Member)> Taking(Func<Type, bool> isDevice)
    {
        var found = new List<(string, MemberInfo)>();
        foreach (var type in Assembly.GetExportedTypes())
        {
            const BindingFlags Public = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var method in type.GetMethods(Public).Cast<MethodBase>().Concat(type.GetConstructors(Public)))
            {
                if (method is MethodInfo { IsSpecialName: true })
                {
                    continue; // property accessors: settable properties are listed below as properties
                }

                foreach (var parameter in method.GetParameters().Where(p => Contains(p.ParameterType, isDevice)))
                {
                    found.Add(($"{type.Name}.{method.Name}({parameter.Name})", method));
                }
            }

            foreach (var property in type.GetProperties(Public).Where(p => p.SetMethod is { IsPublic: true } && Contains(p.PropertyType, isDevice)))
            {
                found.Add(($"{type.Name}.{property.Name}", property));
            }
        }

        return found.DistinctBy(f => f.Item1).ToList();
    }

    /// <summary>Types a device could hide in: the type itself, arrays, nullables and generic arguments (lists, tasks).</summary>
    public static bool Contains(Type type, Func<Type, bool> isDevice) =>
        isDevice(type)
        || (type.IsArray && Contains(type.GetElementType()!, isDevice))
        || (type.IsGenericType && type.GetGenericArguments().Any(a => Contains(a, isDevice)))
        || (type.IsByRef && Contains(type.GetElementType()!, isDevice));

    /// <summary>A raw device: a storage device of Sts.Core that has not passed the guard.</summary>
    public static bool IsUnguarded(Type type) => typeof(StorageDevice).IsAssignableFrom(type);

    /// <summary>The guarded device type.</summary>
    public static bool IsGuarded(Type type) => type == typeof(GuardedDevice);
}
