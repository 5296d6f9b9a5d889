using System.Collections.Concurrent;

namespace Emulator.Tests.Hardening;

/// <summary>What the fuzz knows the emulator holds: identities it created, and which of them it deleted (deletion is final).</summary>
public sealed class IdentityModel
{
    private readonly ConcurrentDictionary<string, bool> _deleted = new(StringComparer.Ordinal);
    private readonly List<string> _ids = [];
    private readonly Lock _lock = new();

    public void Created(string id)
    {
        if (_deleted.TryAdd(id, false))
        {
            lock (_lock)
            {
                _ids.Add(id);
            }
        }
    }

    public void Deleted(string id) => _deleted[id] = true;

    /// <summary>A known identity, chosen by <paramref name="pick"/>; alive or deleted.</summary>
    public string? Pick(uint pick)
    {
        lock (_lock)
        {
            return _ids.Count == 0 ? null : _ids[(int)(pick % (uint)_ids.Count)];
        }
    }

    public IReadOnlyDictionary<string, bool> Snapshot() => new Dictionary<string, bool>(_deleted, StringComparer.Ordinal);
}
