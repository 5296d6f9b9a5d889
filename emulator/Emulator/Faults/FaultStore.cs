namespace Emulator.Faults;

/// <summary>The active fault rules, in the order they were added; the first rule that matches and fires wins.</summary>
internal sealed class FaultStore
{
    private readonly Lock _gate = new();
    private FaultRule[] _rules = [];
    private long _next;

    public IReadOnlyList<FaultRule> Rules => Volatile.Read(ref _rules);

    /// <summary>Adds a rule; returns null when a rule with its id exists.</summary>
    public FaultRule? Add(FaultSpec spec, DateTimeOffset now)
    {
        lock (_gate)
        {
            var id = spec.Id ?? NextId();
            if (_rules.Any(r => r.Id == id))
            {
                return null;
            }

            var rule = new FaultRule(id, spec, now);
            Volatile.Write(ref _rules, [.. _rules, rule]);
            return rule;
        }
    }

    public FaultRule? Get(string id) => Rules.FirstOrDefault(r => r.Id == id);

    public bool Remove(string id)
    {
        lock (_gate)
        {
            var kept = _rules.Where(r => r.Id != id).ToArray();
            var removed = kept.Length != _rules.Length;
            Volatile.Write(ref _rules, kept);
            return removed;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            Volatile.Write(ref _rules, []);
        }
    }

    /// <summary>The first rule that matches the request and decides to fire for it, or null.</summary>
    public FaultRule? Fire(HttpContext context)
    {
        var rules = Rules;
        if (rules.Count == 0)
        {
            return null;
        }

        foreach (var rule in rules)
        {
            if (rule.Matches(context) && rule.TryFire())
            {
                return rule;
            }
        }

        return null;
    }

    private string NextId()
    {
        string id;
        do
        {
            id = $"fault-{++_next}";
        }
        while (_rules.Any(r => r.Id == id));
        return id;
    }
}
