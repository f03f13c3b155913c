using System.Collections.Concurrent;

namespace Vmb.Conformance.Generation;

/// <summary>
/// Generators are immutable values, so one built from the same arguments is interchangeable with another: building
/// each once keeps every draw as it was (the stream does not change) and takes the building out of every scenario.
/// Workers share the cache; it stops growing at <paramref name="capacity"/> entries, after which values are built
/// anew each time, so arguments drawn from a wide range cannot make memory grow with the number of scenarios.
/// </summary>
internal sealed class BuiltOnce<TKey, TValue>(Func<TKey, TValue> build, int capacity = 4096) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _built = new();

    // Counted here: the dictionary's own count takes every lock it has, on every miss once the cache is full.
    private int _count;

    public TValue this[TKey key]
    {
        get
        {
            if (_built.TryGetValue(key, out var value)) return value;
            value = build(key);
            if (Volatile.Read(ref _count) < capacity && _built.TryAdd(key, value)) Interlocked.Increment(ref _count);
            return value;
        }
    }
}
