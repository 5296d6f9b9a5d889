using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Emulator.Tests.Hardening;

/// <summary>Entra-shaped JWTs with any <c>exp</c> a caller could write (the emulator without an authority does not check signatures).</summary>
public static class Jwts
{
    public const string AcsAudience = "https://communication.azure.com";

    public static string Entra(string expJson, string audience = AcsAudience, Guid? appId = null, Guid? userId = null)
    {
        var header = Base64UrlEncoder.Encode("""{"alg":"RS256","typ":"JWT","kid":"test"}""");
        var payload = Base64UrlEncoder.Encode(
            $$"""{"aud":"{{audience}}","iss":"https://sts.windows.net/{{Guid.Empty}}/","appid":"{{appId ?? Guid.NewGuid()}}","oid":"{{userId ?? Guid.NewGuid()}}","tid":"{{Guid.NewGuid()}}","exp":{{expJson}}}""");
        return $"{header}.{payload}.{Base64UrlEncoder.Encode(Encoding.ASCII.GetBytes("not-checked"))}";
    }
}
