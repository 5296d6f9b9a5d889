using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Emulator.TestSupport.Wire;

/// <summary>
/// An Entra-shaped JWT with a random signature. An emulator without an Entra authority accepts it as a Teams user's
/// token or a bearer token (it checks format, expiry and, for bearers, audience); live Azure rejects it.
/// </summary>
public static class MadeUpEntraToken
{
    public const string AcsAudience = "https://communication.azure.com";

    public const string TeamsAudience = "https://auth.msft.communication.azure.com";

    public static string Create(string audience, Guid appId, Guid objectId, Guid tenantId, DateTimeOffset expiresOn)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = "made-up" });
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["aud"] = audience,
            ["iss"] = $"https://sts.windows.net/{tenantId}/",
            ["iat"] = expiresOn.AddHours(-1).ToUnixTimeSeconds(),
            ["nbf"] = expiresOn.AddHours(-1).ToUnixTimeSeconds(),
            ["exp"] = expiresOn.ToUnixTimeSeconds(),
            ["appid"] = appId.ToString(),
            ["oid"] = objectId.ToString(),
            ["tid"] = tenantId.ToString(),
            ["scp"] = "Teams.ManageCalls Teams.ManageChats",
        });
        return $"{Base64Url.EncodeToString(header)}.{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(256))}";
    }

    /// <summary>A made-up token that is well-formed but not a JWT at all from the service's view.</summary>
    public static string NotAJwt => Convert.ToBase64String(Encoding.UTF8.GetBytes("invalid"));
}
