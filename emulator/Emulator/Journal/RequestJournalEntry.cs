namespace Emulator.Journal;

/// <summary>One request as <c>GET /emulator/requests</c> shows it. Holds no access key, signature or whole token.</summary>
/// <param name="Sequence">Increasing number of the request since start.</param>
/// <param name="Time">When the request arrived (real time).</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path, percent-decoded.</param>
/// <param name="Query">Query string with its '?', or null.</param>
/// <param name="ApiVersion">The api-version asked for.</param>
/// <param name="ServedApiVersion">The api-version that served it.</param>
/// <param name="Operation">The emulated operation (or emulator route) it resolved to.</param>
/// <param name="Identity">The identity id in the route, when there is one.</param>
/// <param name="Status">Response status.</param>
/// <param name="ErrorCode">The ACS error code answered, if any.</param>
/// <param name="Reason">Why it was rejected, for the developer (never sent on the wire).</param>
/// <param name="DurationMs">Time spent in the emulator, in milliseconds.</param>
/// <param name="ClientRequestId">The <c>x-ms-client-request-id</c> header.</param>
/// <param name="UserAgent">The <c>User-Agent</c> header.</param>
/// <param name="AuthScheme">The Authorization scheme (HMAC-SHA256, Bearer), never its parameters.</param>
/// <param name="AuthOutcome">accepted, rejected, or none (emulator routes and unauthenticated stages).</param>
/// <param name="Fault">The fault rule that answered, delayed or aborted the request (<c>id: action</c>), if one fired.</param>
internal sealed record RequestJournalEntry(
    long Sequence,
    DateTimeOffset Time,
    string Method,
    string Path,
    string? Query,
    string? ApiVersion,
    string? ServedApiVersion,
    string? Operation,
    string? Identity,
    int Status,
    string? ErrorCode,
    string? Reason,
    double DurationMs,
    string? ClientRequestId,
    string? UserAgent,
    string? AuthScheme,
    string AuthOutcome,
    string? Fault);
