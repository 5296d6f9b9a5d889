namespace Emulator.Benchmarks.Http;

/// <summary>Identities created before a measured step: picked at random (issue, revoke) or consumed once each (delete).</summary>
public sealed class IdentityPool(string[] rawIds)
{
    private readonly string[] _escaped = Array.ConvertAll(rawIds, Uri.EscapeDataString);
    private int _next = -1;

    public int Count => _escaped.Length;

    public string Random(Random random) => _escaped[random.Next(_escaped.Length)];

    /// <summary>The next unused identity, or null once every one has been taken.</summary>
    public string? Take()
    {
        var i = Interlocked.Increment(ref _next);
        return i < _escaped.Length ? _escaped[i] : null;
    }
}
