namespace Emulator.Faults;

/// <summary>
/// A fault rule as asked for (by <c>POST /emulator/faults</c> or the <c>Faults:Rules</c> configuration), validated by
/// <see cref="FaultSpecReader"/>. Every match field is optional; a rule with none matches every emulated request.
/// </summary>
internal sealed class FaultSpec
{
    public string? Id { get; set; }

    /// <summary>An <see cref="Versioning.ApiOperation"/> name such as <c>CreateIdentity</c>.</summary>
    public string? Operation { get; set; }

    public string? Method { get; set; }

    /// <summary>A path pattern: exact (case-insensitive), <c>*</c> within one segment, <c>**</c> across segments.</summary>
    public string? Path { get; set; }

    public string? ApiVersion { get; set; }

    /// <summary>The identity id of the route (<c>8:acs:...</c>), compared decoded and case-insensitively.</summary>
    public string? Identity { get; set; }

    /// <summary>The status to answer, 400-599; null to let the request through (after any delay).</summary>
    public int? Status { get; set; }

    public string? Code { get; set; }

    public string? Message { get; set; }

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public int DelayMilliseconds { get; set; }

    /// <summary>Reset the connection instead of answering.</summary>
    public bool Abort { get; set; }

    /// <summary>Fire for the next N matching requests only; null = every matching request.</summary>
    public int? Times { get; set; }

    /// <summary>Fire with this probability (0-1] per matching request, drawn from a generator seeded with <see cref="Seed"/>.</summary>
    public double? Probability { get; set; }

    public int? Seed { get; set; }
}
