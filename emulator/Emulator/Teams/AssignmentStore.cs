using System.Collections.Concurrent;

namespace Emulator.Teams;

/// <summary>Thread-safe Teams-extension assignments, keyed by tenant and object id.</summary>
internal sealed class AssignmentStore
{
    private readonly ConcurrentDictionary<(Guid Tenant, Guid Object), TeamsExtensionAssignment> _assignments = new();

    public TeamsExtensionAssignment? Get(Guid tenant, Guid objectId) => _assignments.GetValueOrDefault((tenant, objectId));

    /// <summary>Creates or replaces; returns true when it was created.</summary>
    public bool Put(Guid tenant, Guid objectId, TeamsExtensionAssignment assignment)
    {
        var created = true;
        _assignments.AddOrUpdate((tenant, objectId), assignment, (_, _) =>
        {
            created = false;
            return assignment;
        });
        return created;
    }

    public bool Remove(Guid tenant, Guid objectId) => _assignments.TryRemove((tenant, objectId), out _);

    public int Count => _assignments.Count;

    public void Clear() => _assignments.Clear();

    /// <summary>Every assignment, for snapshots.</summary>
    public IReadOnlyList<TeamsExtensionAssignment> List() => [.. _assignments.Values];

    /// <summary>Replaces every assignment (snapshot import); keys are the assignments' own tenant and object ids.</summary>
    public void Replace(IEnumerable<TeamsExtensionAssignment> assignments)
    {
        _assignments.Clear();
        foreach (var assignment in assignments)
        {
            _assignments[(Guid.Parse(assignment.TenantId), Guid.Parse(assignment.ObjectId))] = assignment;
        }
    }
}
