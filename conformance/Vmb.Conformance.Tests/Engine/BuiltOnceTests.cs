using Vmb.Conformance.Generation;

namespace Vmb.Conformance.Tests.Engine;

/// <summary>Generators built once per key, up to a bound: past it values are built anew, so a wide key range cannot grow memory.</summary>
public class BuiltOnceTests
{
    [Fact]
    public void A_key_is_built_once_until_the_cache_is_full_and_every_time_after()
    {
        var builds = new Dictionary<int, int>();
        var cache = new BuiltOnce<int, string>(key =>
        {
            builds[key] = builds.GetValueOrDefault(key) + 1;
            return $"value {key}";
        }, capacity: 2);
        foreach (var key in new[] { 1, 2, 1, 2, 3, 3, 1 }) Assert.Equal($"value {key}", cache[key]);
        Assert.Equal(1, builds[1]);
        Assert.Equal(1, builds[2]);
        Assert.Equal(2, builds[3]);
    }
}
