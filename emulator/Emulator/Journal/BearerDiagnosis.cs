using Emulator.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Emulator.Journal;

/// <summary>
/// Why a bearer token was refused: the validator's failing check, with the token's audience, issuer, kid and expiry
/// (never the token itself) next to what the emulator accepts.
/// </summary>
internal static class BearerDiagnosis
{
    private static readonly JsonWebTokenHandler Handler = new();

    public static string Explain(HttpContext context, string? check, string authorization)
    {
        var token = authorization.Length > 7 ? authorization[7..].Trim() : string.Empty;
        var reason = $"Bearer token rejected: {check ?? "invalid"}.";
        if (!Handler.CanReadToken(token))
        {
            return reason + " The value is not a JWT (header.payload.signature).";
        }

        JsonWebToken jwt;
        try
        {
            jwt = Handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return reason + " The value cannot be decoded as a JWT.";
        }

        var options = context.RequestServices.GetRequiredService<IOptions<AuthenticationOptions>>().Value;
        var now = context.RequestServices.GetRequiredService<Infrastructure.EmulatorClock>().RealTime.GetUtcNow();
        var expiry = jwt.TryGetPayloadValue<long>("exp", out var exp)
            ? DateTimeOffset.FromUnixTimeSeconds(exp) is var expires && expires < now
                ? $"expired at {expires:O} ({(now - expires).TotalMinutes:0} min ago, 5 min of skew allowed)"
                : $"expires at {expires:O}"
            : "no exp claim";
        var authority = string.IsNullOrEmpty(options.Authority)
            ? "no Authentication:Authority is set, so the signature and issuer are not checked"
            : $"the authority is {options.Authority}";
        return $"{reason} Token: aud [{string.Join(", ", jwt.Audiences)}], iss '{jwt.Issuer}', kid '{jwt.Kid}', {expiry}. Accepted audiences: [{string.Join(", ", options.EffectiveAudiences)}]; {authority}.";
    }
}
