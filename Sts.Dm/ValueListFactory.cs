namespace Sts.Dm;

/// <summary>Creates <see cref="ValueList{T}"/> instances; the builder behind collection expressions.</summary>
public static class ValueList
{
    /// <summary>Creates a list from the items.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="items">The elements, in order.</param>
    /// <returns>The list.</returns>
    /// <exception cref="ArgumentNullException">An item is null.</exception>
    public static ValueList<T> Create<T>(ReadOnlySpan<T> items) => new(items.ToArray());
}
