namespace Emulator.Faults;

/// <summary>A fault rule as <c>GET /emulator/faults</c> shows it, with how often it matched and fired.</summary>
internal sealed record FaultRuleView(
    string Id,
    FaultMatchView Match,
    FaultRespondView? Respond,
    int? DelayMs,
    bool? Abort,
    int? Times,
    long? Remaining,
    double? Probability,
    int? Seed,
    long Matched,
    long Fired,
    DateTimeOffset CreatedAt)
{
    public static FaultRuleView From(FaultRule rule)
    {
        var spec = rule.Spec;
        return new FaultRuleView(
            rule.Id,
            new FaultMatchView(spec.Operation, spec.Method, spec.Path, spec.ApiVersion, spec.Identity),
            spec.Status is { } status ? new FaultRespondView(status, spec.Code, spec.Message, spec.Headers.Count > 0 ? new Dictionary<string, string>(spec.Headers) : null) : null,
            spec.DelayMilliseconds > 0 ? spec.DelayMilliseconds : null,
            spec.Abort ? true : null,
            spec.Times,
            rule.Remaining,
            spec.Probability,
            rule.Seed,
            rule.Matched,
            rule.Fired,
            rule.CreatedAt);
    }
}

/// <summary>What a rule matches; absent members match anything.</summary>
internal sealed record FaultMatchView(string? Operation, string? Method, string? Path, string? ApiVersion, string? Identity);

/// <summary>What a rule answers.</summary>
internal sealed record FaultRespondView(int Status, string? Code, string? Message, Dictionary<string, string>? Headers);

/// <summary><c>GET /emulator/faults</c>.</summary>
internal sealed record FaultListView(IReadOnlyList<FaultRuleView> Rules);
