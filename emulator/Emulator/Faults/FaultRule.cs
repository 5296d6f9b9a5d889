using System.Text.RegularExpressions;
using Emulator.Infrastructure;
using Emulator.Versioning;

namespace Emulator.Faults;

/// <summary>
/// One active fault rule: what it matches, what it does, and how often it matched and fired. Firing is decided under
/// a lock per rule, so <see cref="FaultSpec.Times"/> is exact under concurrency and a seeded probability draws the
/// same sequence of decisions for the same sequence of matching requests.
/// </summary>
internal sealed class FaultRule
{
    private readonly Lock _gate = new();
    private readonly Regex? _path;
    private readonly ApiOperation _operation;
    private readonly Random? _random;
    private long _matched;
    private long _fired;

    public FaultRule(string id, FaultSpec spec, DateTimeOffset createdAt)
    {
        Id = id;
        Spec = spec;
        CreatedAt = createdAt;
        _operation = spec.Operation is null ? ApiOperation.None : Enum.Parse<ApiOperation>(spec.Operation, ignoreCase: true);
        _path = spec.Path is null ? null : new Regex(PathPattern(spec.Path), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        if (spec.Probability is not null)
        {
            Seed = spec.Seed ?? Random.Shared.Next();
            _random = new Random(Seed.Value);
        }
    }

    public string Id { get; }

    public FaultSpec Spec { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>The seed of the probability draw (given, or picked and reported so that a run can be repeated).</summary>
    public int? Seed { get; }

    public long Matched => Interlocked.Read(ref _matched);

    public long Fired => Interlocked.Read(ref _fired);

    /// <summary>How many more times the rule fires; null when unlimited.</summary>
    public long? Remaining
    {
        get
        {
            lock (_gate)
            {
                return Spec.Times is { } times ? Math.Max(0, times - _fired) : null;
            }
        }
    }

    public bool Matches(HttpContext context)
    {
        var request = context.Request;
        if (Spec.Method is not null && !string.Equals(request.Method, Spec.Method, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (_path is not null && !_path.IsMatch(TrimSlash(request.Path.Value ?? "/")))
        {
            return false;
        }

        if (Spec.ApiVersion is not null && !string.Equals(request.Query["api-version"].ToString(), Spec.ApiVersion, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (_operation != ApiOperation.None
            && (context.GetEndpoint()?.Metadata.GetMetadata<ApiOperationMetadata>() is not { } metadata || !metadata.Operations.HasFlag(_operation)))
        {
            return false;
        }

        if (Spec.Identity is not null)
        {
            var routeId = context.GetRouteValue("id") as string;
            if (routeId is null || !string.Equals(Uri.UnescapeDataString(routeId), Uri.UnescapeDataString(Spec.Identity), StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Counts a matching request and decides whether the rule fires for it.</summary>
    public bool TryFire()
    {
        lock (_gate)
        {
            _matched++;
            if (Spec.Times is { } times && _fired >= times)
            {
                return false;
            }

            if (_random is not null && _random.NextDouble() >= Spec.Probability!.Value)
            {
                return false;
            }

            _fired++;
            return true;
        }
    }

    /// <summary>The ACS-shaped error this rule answers with, when it responds.</summary>
    public AcsError? Error => Spec.Status is { } status
        ? AcsErrors.InjectedFault(status, Spec.Code ?? DefaultCode(status), Spec.Message ?? $"{Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status)} (injected by the emulator's fault rule '{Id}').")
        : null;

    private static string DefaultCode(int status) => status switch
    {
        408 => "RequestTimeout",
        429 => "TooManyRequests",
        500 => "InternalServerError",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        _ => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status).Replace(" ", string.Empty, StringComparison.Ordinal) is { Length: > 0 } phrase ? phrase : "Fault",
    };

    private static string TrimSlash(string path) => path.Length > 1 && path.EndsWith('/') ? path[..^1] : path;

    /// <summary><c>**</c> matches anything, <c>*</c> anything but '/', the rest literally; a trailing '/' is ignored.</summary>
    private static string PathPattern(string pattern)
    {
        var escaped = Regex.Escape(TrimSlash(pattern));
        return "^" + escaped.Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$";
    }
}
