using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace Emulator.TestSupport.Wire;

/// <summary>Assertions on what the service put on the wire (reference §3, §5, §8.1).</summary>
public static partial class AcsAssert
{
    public const string SuccessContentType = "application/json; charset=utf-8";

    public const string ErrorContentType = "application/json";

    /// <summary>A success with a JSON body: the status and the exact Content-Type; returns the body.</summary>
    public static JsonElement Json(AcsResponse response, HttpStatusCode status)
    {
        Assert.True(response.Status == status, $"Expected {(int)status}, got {response}");
        Assert.Equal(SuccessContentType, response.ContentType);
        return response.Json;
    }

    /// <summary>204: no body and no Content-Type.</summary>
    public static void NoContent(AcsResponse response)
    {
        Assert.True(response.Status == HttpStatusCode.NoContent, $"Expected 204, got {response}");
        Assert.Equal(string.Empty, response.Body);
        Assert.Null(response.ContentType);
    }

    /// <summary>An error, word for word: status, <c>application/json</c>, code, message, target, and whether api-supported-versions came with it.</summary>
    public static void Error(AcsResponse response, ExpectedError expected)
    {
        Assert.True((int)response.Status == expected.Status, $"Expected {expected.Status} {expected.Code}, got {response}");
        Assert.Equal(ErrorContentType, response.ContentType);
        var error = response.Json.GetProperty("error");
        Assert.Equal(expected.Code, error.GetProperty("code").GetString());
        Assert.Equal(expected.Message, error.GetProperty("message").GetString());
        if (expected.Target is null)
        {
            Assert.False(error.TryGetProperty("target", out _), $"Expected no target: {response.Body}");
        }
        else
        {
            Assert.Equal(expected.Target, error.GetProperty("target").GetString());
        }

        Assert.Equal(expected.ApiSupportedVersions, response.HasHeader("api-supported-versions"));
    }

    /// <summary>Headers every response of the API carries (reference §5): the client request id echoed, a correlation vector, Date, HSTS, processing time.</summary>
    public static void ServiceHeaders(AcsResponse response)
    {
        Assert.NotNull(response.RequestClientId);
        Assert.Equal(response.RequestClientId, response.Header("x-ms-client-request-id"));
        Assert.Matches(CorrelationVector(), response.Header("MS-CV") ?? string.Empty);
        Assert.True(DateTimeOffset.TryParseExact(response.Header("Date"), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _), $"Date: {response.Header("Date")}");
        Assert.Equal("max-age=2592000", response.Header("Strict-Transport-Security"));
        Assert.Matches(ProcessingTime(), response.Header("X-Processing-Time") ?? string.Empty);
    }

    /// <summary><c>api-supported-versions</c> is a comma+space list containing every one of <paramref name="versions"/>.</summary>
    public static IReadOnlyList<string> SupportedVersions(AcsResponse response, params string[] versions)
    {
        var header = response.Header("api-supported-versions");
        Assert.False(header is null, $"No api-supported-versions header: {response}");
        var listed = header.Split(", ");
        foreach (var version in versions)
        {
            Assert.Contains(version, listed);
        }

        return listed;
    }

    /// <summary>An identity id of the resource: <c>8:acs:&lt;resourceId&gt;_&lt;guid&gt;</c> with exactly one '_' after the prefix.</summary>
    public static string IdentityId(string? id, string? resourceId)
    {
        Assert.NotNull(id);
        var match = IdentityIdPattern().Match(id);
        Assert.True(match.Success, $"'{id}' is not 8:acs:<resource guid>_<guid>");
        if (resourceId is not null)
        {
            Assert.Equal(resourceId, match.Groups["resource"].Value);
        }

        return match.Groups["resource"].Value;
    }

    /// <summary>
    /// An access token result <c>{"token","expiresOn"}</c>: expiresOn formatted like the service, equal to the JWT's
    /// <c>exp</c>; the JWT carries the claims of reference §8.1 for <paramref name="identityId"/> and <paramref name="scopes"/>.
    /// </summary>
    public static Jwt AccessToken(JsonElement result, string identityId, string[] scopes, TimeSpan lifetime, string resourceId)
    {
        Assert.Equal(["token", "expiresOn"], result.EnumerateObject().Select(p => p.Name));
        return AccessToken(result.GetProperty("token").GetString()!, result.GetProperty("expiresOn").GetString()!, identityId, scopes, lifetime, resourceId);
    }

    /// <summary>As <see cref="AccessToken(JsonElement, string, string[], TimeSpan, string)"/>, for the token and expiresOn strings.</summary>
    public static Jwt AccessToken(string token, string expiresOnText, string identityId, string[] scopes, TimeSpan lifetime, string resourceId)
    {
        Assert.Matches(DateTimeOnWire(), expiresOnText);
        var expiresOn = DateTimeOffset.Parse(expiresOnText, CultureInfo.InvariantCulture);

        var jwt = Jwt.Decode(token);
        Assert.Equal("RS256", jwt.HeaderString("alg"));
        Assert.Equal("JWT", jwt.HeaderString("typ"));
        Assert.Matches(KeyId(), jwt.HeaderString("kid") ?? string.Empty);
        Assert.Equal(identityId["8:".Length..], jwt.Claim("skypeid")?.GetString());
        Assert.Equal(1792, jwt.Claim("scp")?.GetInt32());
        Assert.Equal(JsonValueKind.String, jwt.Claim("csi")?.ValueKind);
        Assert.InRange(long.Parse(jwt.Claim("csi")!.Value.GetString()!, CultureInfo.InvariantCulture), jwt.Iat - 1, jwt.Iat + 1);
        Assert.Equal(string.Join(',', scopes), jwt.Claim("acsScope")?.GetString());
        Assert.Equal(resourceId, jwt.Claim("resourceId")?.GetString());
        Assert.Equal((long)lifetime.TotalSeconds, jwt.Exp - jwt.Iat);
        Assert.InRange((expiresOn - DateTimeOffset.FromUnixTimeSeconds(jwt.Exp)).Duration(), TimeSpan.Zero, TimeSpan.FromSeconds(1));
        return jwt;
    }

    [GeneratedRegex(@"^[A-Za-z0-9+/]{22}(\.[0-9]+)+$")]
    private static partial Regex CorrelationVector();

    [GeneratedRegex(@"^[0-9]+ms$")]
    private static partial Regex ProcessingTime();

    [GeneratedRegex(@"^8:acs:(?<resource>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex IdentityIdPattern();

    /// <summary>System.Text.Json's DateTimeOffset: up to 7 fraction digits, trailing zeros trimmed, <c>+00:00</c>.</summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{0,6}[1-9])?\+00:00$")]
    private static partial Regex DateTimeOnWire();

    /// <summary>Since late 2023 the live <c>kid</c> is the signing certificate's SHA-1 thumbprint in upper-case hex.</summary>
    [GeneratedRegex("^[0-9A-F]{40}$")]
    private static partial Regex KeyId();
}
