using Emulator.Infrastructure;

namespace Emulator.Journal;

/// <summary>
/// What one request's handling tells the journal beyond status and headers: the error it answered and, set by the
/// rejection sites with one call, the reason for the developer. Lives in <see cref="HttpContext.Features"/>.
/// </summary>
public sealed class RequestJournalFeature
{
    /// <summary>The ACS error the request was answered with, if any.</summary>
    public AcsError? Error { get; private set; }

    /// <summary>Whether <see cref="Error"/> was answered before routing, by authentication.</summary>
    public bool ErrorBeforeRouting { get; private set; }

    /// <summary>The reason a rejection site gave; the diagnosis adds its own detail after the response.</summary>
    public string? Reason { get; private set; }

    /// <summary>Called by <see cref="AcsErrorResult"/> for every error it writes.</summary>
    public static void Record(HttpContext context, AcsError error)
    {
        if (context.Features.Get<RequestJournalFeature>() is { } feature)
        {
            feature.Error = error;
            feature.ErrorBeforeRouting = context.GetEndpoint() is null;
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
