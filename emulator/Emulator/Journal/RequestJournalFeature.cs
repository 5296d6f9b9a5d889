using Emulator.Infrastructure;

namespace Emulator.Journal;

/// <summary>
/// What one request's handling tells the journal beyond status and headers: whether it passed the entry checks, the
/// error it answered and, set by the rejection sites with one call, the reason for the developer. Lives in
/// <see cref="HttpContext.Features"/>.
/// </summary>
internal sealed class RequestJournalFeature
{
    /// <summary>The ACS error the request was answered with, if any (from <see cref="AcsErrorResult"/>).</summary>
    public AcsError? Error { get; private set; }

    /// <summary>Whether the request got past the entry checks (admin access, body limit, authentication) to its operation.</summary>
    public bool PassedEntryChecks { get; private set; }

    /// <summary>Whether <see cref="Error"/> was answered by the entry checks (body limit, authentication), before the operation.</summary>
    public bool ErrorBeforeOperation => Error is not null && !PassedEntryChecks;

    /// <summary>The reason a rejection site gave; the diagnosis adds its own detail after the response.</summary>
    public string? Reason { get; private set; }

    /// <summary>Called by the journal once the request is answered.</summary>
    public void Answered(HttpContext context) => Error = context.Features.Get<AcsError>();

    /// <summary>Called at the end of the entry checks (<see cref="JournalServices.UseEntryChecksPassed"/>).</summary>
    public static void PassEntryChecks(HttpContext context)
    {
        if (context.Features.Get<RequestJournalFeature>() is { } feature)
        {
            feature.PassedEntryChecks = true;
        }
    }

    /// <summary>Called by a rejection site that knows more than its error code says. Never pass a secret or a whole token.</summary>
    public static void Reject(HttpContext context, string reason)
    {
        if (context.Features.Get<RequestJournalFeature>() is { } feature)
        {
            feature.Reason = reason;
        }
    }
}
