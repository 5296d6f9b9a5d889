using Emulator.Configuration;
using Emulator.Identities;
using Emulator.Infrastructure;
using Emulator.Versioning;

namespace Emulator.Journal;

/// <summary>
/// Works out, after the response, why a request was refused — for the journal and the console only; the wire keeps
/// the live service's answer. Runs only for errors, so the cost is never on a successful request.
/// </summary>
internal static class RejectionDiagnosis
{
    public static string? Explain(HttpContext context, RequestJournalFeature feature)
    {
        if (feature.Error is not { } error)
        {
            return feature.Reason;
        }

        try
        {
            return Explain(context, feature, error);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            // A diagnosis must never turn a rejection into a failure; the error itself still says something.
            return feature.Reason ?? error.Message;
        }
    }

    private static string Explain(HttpContext context, RequestJournalFeature feature, AcsError error)
    {
        var services = context.RequestServices;
        if (feature.ErrorBeforeOperation && error.Family == AcsErrorFamily.Authentication)
        {
            var authorization = context.Request.Headers.Authorization.ToString();
            var scheme = RequestJournalMiddleware.AuthScheme(authorization);
            return scheme switch
            {
                null => "No Authorization header: sign the request with the access key (HMAC-SHA256) or send an Entra ID bearer token.",
                "HMAC-SHA256" => HmacDiagnosis.Explain(context, error, authorization, services.GetRequiredService<ResourceSettings>().AccessKey),
                "Bearer" => BearerDiagnosis.Explain(context, feature.Reason, authorization),
                _ => "The Authorization scheme is neither HMAC-SHA256 nor Bearer.",
            };
        }

        if (error.Family == AcsErrorFamily.ApiVersion)
        {
            return VersionReason(context, error);
        }

        if (error.Code is AcsErrors.IdentityNotFound or AcsErrors.IdentityNotOwned || error == AcsErrors.IdentityIdFormat())
        {
            return IdentityReason(context, error, services.GetRequiredService<ResourceSettings>(), services.GetRequiredService<IdentityStore>());
        }

        var text = feature.Reason ?? error.Message;
        return error.Target is null ? text : $"{text} (target '{error.Target}')";
    }

    private static string VersionReason(HttpContext context, AcsError error)
    {
        var metadata = context.GetEndpoint()?.Metadata.GetMetadata<ApiOperationMetadata>();
        var operation = metadata?.Operations.ToString() ?? "this operation";
        var versions = metadata?.SupportedVersions ?? string.Empty;
        var requested = context.Request.Query["api-version"].ToString();
        if (error.Code == AcsErrors.ApiVersionUnspecified)
        {
            return $"No api-version query parameter. {operation} is in: {versions}.";
        }

        if (error.Code == AcsErrors.InvalidApiVersion)
        {
            return $"api-version '{requested}' is not of the form yyyy-MM-dd or yyyy-MM-dd-label. {operation} is in: {versions}.";
        }

        return ApiVersions.Find(requested) is { } known
            ? $"api-version '{known.Name}' does not have {operation}; the versions that do: {versions}."
            : $"api-version '{requested}' is not one the emulator knows (ApiVersions:UnknownVersions is Reject, as the live service; ServeLatest serves the newest). {operation} is in: {versions}.";
    }

    private static string IdentityReason(HttpContext context, AcsError error, ResourceSettings resource, IdentityStore store)
    {
        var raw = context.Request.RouteValues.TryGetValue("id", out var value) ? value as string : null;
        if (raw is null)
        {
            return error.Message;
        }

        if (error.Code == AcsErrors.IdentityNotOwned)
        {
            var colon = raw.IndexOf(":acs:", StringComparison.Ordinal);
            var underscore = raw.LastIndexOf('_');
            var owner = colon >= 0 && underscore > colon ? raw[(colon + 5)..underscore] : raw;
            return raw.StartsWith("8:acs:", StringComparison.Ordinal)
                ? $"Not owned by this resource: the id belongs to resource '{owner}', this emulator is resource '{resource.ResourceId}'."
                : $"Not owned by this resource: '{raw[..raw.IndexOf(':', 2)]}:' is another cloud's prefix; this emulator's ids start with '{IdentityId.Prefix(resource)}'.";
        }

        if (!IdentityId.TryParse(raw, resource, out var id, out _))
        {
            return $"'{raw}' is not an identity id of the form {IdentityId.Prefix(resource)}<guid>.";
        }

        return store.Get(id) switch
        {
            { DeletedAt: { } deleted } => $"Identity deleted at {deleted:O}.",
            null => "No identity with this id exists here: it was never created by this emulator, or it was forgotten by a reset or a restart (identities live in memory).",
            _ => error.Message,
        };
    }
}
