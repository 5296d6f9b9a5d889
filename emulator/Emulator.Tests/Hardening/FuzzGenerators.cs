using System.Text;
using CsCheck;
using Emulator.Versioning;

namespace Emulator.Tests.Hardening;

/// <summary>
/// CsCheck generators for requests to the emulated API and the <c>/emulator/*</c> routes: random methods, paths, ids,
/// api-versions, header bytes, and JSON bodies that are valid, of the wrong type, undecodable or deeply nested.
/// </summary>
public static class FuzzGenerators
{
    private const string Resource = EmulatorFactory.ResourceId;

    private static readonly Gen<string> Method = Gen.Frequency(
        (12, Gen.OneOf("POST", "GET", "DELETE", "PATCH", "PUT")),
        (1, Gen.OneOf("HEAD", "OPTIONS", "post", "FOO", "CONNECTX")));

    private static readonly Gen<string> ApiVersion = Gen.Frequency(
        (10, Gen.OneOf(ApiVersions.All.Select(v => v.Name).ToArray())),
        (2, Gen.OneOf("", "2099-01-01", "2023-10-01-preview", "garbage", "1", "2023-13-45", "%00", "2023-10-01&api-version=2021-03-07", "%ZZ", "2023-10-01%20")));

    private static readonly Gen<string> Garbage = Gen.String[Gen.Char['!', '~'], 0, 40].Select(s => Uri.EscapeDataString(s));

    /// <summary><c>{id}</c> is a known identity; the rest are ids of no identity, of another resource, or not ids at all.</summary>
    private static readonly Gen<string> Id = Gen.Frequency(
        (6, Gen.Const("{id}")),
        (2, Gen.Guid.Select(g => Uri.EscapeDataString($"8:acs:{Resource}_{g}"))),
        (1, Gen.Guid.Select(g => Uri.EscapeDataString($"8:acs:{EmulatorFactory.OtherResourceId}_{g}"))),
        (1, Gen.OneOf("", "8%3Aacs%3A", "8:acs:" + Resource, "%2F..%2F", "8:teamsvisitor:x", "a%00b", "%F0%9F%98%80", "%ED%A0%80", "%FF")),
        (1, Garbage));

    /// <summary>A route and the method it answers (so most requests reach a handler), or a random path.</summary>
    private static readonly Gen<(string Method, string Path)> Route = Gen.Frequency(
        (5, Gen.Const(("POST", "/identities"))),
        (2, Id.Select(id => ("GET", $"/identities/{id}"))),
        (2, Id.Select(id => ("DELETE", $"/identities/{id}"))),
        (1, Id.Select(id => ("PATCH", $"/identities/{id}"))),
        (4, Id.Select(id => ("POST", $"/identities/{id}/:issueAccessToken"))),
        (2, Id.Select(id => ("POST", $"/identities/{id}/:revokeAccessTokens"))),
        (1, Id.Select(id => ("POST", $"/identities/{id}/token"))),
        (2, Gen.Const(("POST", "/teamsUser/:exchangeAccessToken"))),
        (1, Gen.OneOf("/access/teamsExtension/:exchangeAccessToken", "/access/entra/:exchangeAccessToken").Select(p => ("POST", p))),
        (1, Gen.Select(Gen.OneOf("GET", "PUT", "DELETE"), Gen.Guid, Gen.Guid, Gen.Bool).Select((m, t, o, bad) => (m, bad ? $"/access/teamsExtension/tenants/{t}x/assignments/%20" : $"/access/teamsExtension/tenants/{t}/assignments/{o}"))),
        (1, Id.Select(id => ("POST", $"/turn/{id}/:issueCredentials"))),
        (1, Gen.OneOf("/emulator/health/live", "/emulator/health/ready", "/emulator/info", "/emulator/jwks", "/emulator/.well-known/openid-configuration", "/emulator/certificate", "/emulator/clock").Select(p => ("GET", p))),
        (1, Gen.OneOf(("POST", "/emulator/clock/advance"), ("PUT", "/emulator/clock"), ("DELETE", "/emulator/clock"))),
        (3, Gen.Const(("POST", "/emulator/tokens/validate"))),
        (1, Id.Select(id => ("GET", $"/emulator/identities/{id}"))),
        (1, Gen.OneOf("-1", "0", "5", "10001", "x", "99999999999").Select(top => ("GET", $"/emulator/identities?top={top}"))),
        (1, Id.Where(id => id != "{id}").Select(id => ("POST", $"/emulator/reset?id={id}"))), // never a known one, never everything
        (1, Gen.String[Gen.Char['!', '~'], 0, 3].Array[1, 4].Select(segments => ("GET", "/" + string.Join('/', segments.Select(Uri.EscapeDataString))))),
        (1, Garbage.Select(g => ("POST", "/emulator/" + g))));

    private static readonly Gen<string?> Version = Gen.Frequency((8, ApiVersion.Select(v => (string?)v)), (1, Gen.Const((string?)null)));

    private static readonly Gen<(string Method, string PathAndQuery)> Request = Gen.Select(Route, Version, Gen.Int[0, 3], Method)
        .Select((route, version, other, method) => (
            other == 0 ? method : route.Method,
            version is null ? route.Path : route.Path + (route.Path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "api-version=" + version));

    /// <summary>Header text: any Latin-1 byte but CR, LF and NUL (which no client can put in a header).</summary>
    private static readonly Gen<string> HeaderText = Gen.Frequency(
        (3, Gen.String[Gen.Char['0', 'z'], 1, 36]),
        (2, Gen.String[Gen.Char['\u0001', '\u00FF'].Where(c => c is not ('\r' or '\n')), 0, 20]),
        (1, Gen.OneOf("a\u007Fb", "\u00C3\u00A9t\u00E9", "\t", " ", "\u00FF\u00FE", new string('x', 5000))));

    private static readonly Gen<string> ExpJson = Gen.Frequency(
        (3, Gen.Long[0, 4_000_000_000L].Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (2, Gen.OneOf("253402300799", "253402300600", "253402300800", "9223372036854775807", "-9223372036854775808", "-62135596801", "1e400", "99999999999999999999", "\"soon\"", "null", "1.5")));

    private static readonly Gen<(FuzzAuth, string?)> Auth = Gen.Frequency(
        (14, Gen.Const((FuzzAuth.Hmac, (string?)null))),
        (2, Gen.Const((FuzzAuth.None, (string?)null))),
        (2, ExpJson.Select(exp => (FuzzAuth.Bearer, (string?)("Bearer " + Jwts.Entra(exp))))),
        (1, HeaderText.Select(t => (FuzzAuth.Garbage, (string?)t))),
        (1, Gen.OneOf("HMAC-SHA256 ", "HMAC-SHA256 SignedHeaders=&Signature=", "Bearer ", "Bearer a.b.c", "Basic eA==").Select(t => (FuzzAuth.Garbage, (string?)t))));

    private static readonly Gen<string> JsonString = Gen.Frequency(
        (6, Gen.String[Gen.Char['a', 'z'], 0, 12]),
        (2, Gen.OneOf("chat", "voip", "chat.join", "voip.join", "chat.join.limited", "voip.join.limited", "user", "resourceAccount", "2026-03-02T09:30:00Z", "not-a-date")),
        (2, Gen.OneOf("\\ud800", "\\udc00", "a\\ud800b", "\\ud83d\\ude00", "\\u0000", "\\\"", "\\\\", "é", "\\uDBFF", "\\ud800\\ud800", "\\u00zz")),
        (1, Gen.String[Gen.Char['\u0080', '\uFFFD'], 1, 5]))
        .Select(s => "\"" + s + "\"");

    private static readonly Gen<string> JsonScalar = Gen.Frequency(
        (4, JsonString),
        (3, Gen.OneOf("0", "-1", "60", "1440", "1441", "59", "1.5", "-0", "1e400", "-1e400", "123456789012345678901234567890", "2147483648", "9223372036854775808", "1E2", "0.0000001")),
        (1, Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (2, Gen.OneOf("true", "false", "null")));

    private static readonly Gen<string> Key = Gen.Frequency(
        (6, Gen.OneOf("createTokenWithScopes", "scopes", "expiresInMinutes", "customId", "token", "appId", "userId", "tokensValidFrom", "principalType", "clientIds", "seconds", "offsetSeconds", "now", "CreateTokenWithScopes", "TOKEN")),
        (1, JsonString.Select(s => s[1..^1])));

    private static Gen<string> JsonValue(int depth) => depth == 0
        ? JsonScalar
        : Gen.Frequency(
            (5, JsonScalar),
            (2, JsonValue(depth - 1).Array[0, 4].Select(items => "[" + string.Join(",", items) + "]")),
            (2, Gen.Select(Key, JsonValue(depth - 1)).Array[0, 5].Select(members => "{" + string.Join(",", members.Select(m => $"\"{m.Item1}\":{m.Item2}")) + "}")));

    /// <summary>Bodies the handlers read: an object of known members most of the time.</summary>
    private static readonly Gen<byte[]?> Body = Gen.Frequency(
        (3, Gen.Const((byte[]?)null)),
        (8, Gen.Select(Key, JsonValue(2)).Array[0, 5].Select(members => (byte[]?)Encoding.UTF8.GetBytes("{" + string.Join(",", members.Select(m => $"\"{m.Item1}\":{m.Item2}")) + "}"))),
        (2, JsonValue(3).Select(json => (byte[]?)Encoding.UTF8.GetBytes(json))),
        (2, Gen.Select(JsonValue(2), Gen.Byte[0x80, 0xFF].Array[1, 3], Gen.Int[0, 100]).Select((json, bad, at) =>
        {
            var bytes = Encoding.UTF8.GetBytes(json).ToList();
            bytes.InsertRange(Math.Min(at, bytes.Count), bad);
            return (byte[]?)bytes.ToArray();
        })),
        (1, Gen.Int[1, 400].Select(n => (byte[]?)Encoding.ASCII.GetBytes(new string('[', n) + new string(']', n)))),
        (1, Gen.Int[1, 100].Select(n => (byte[]?)Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", n)) + "1" + new string('}', n)))),
        (1, Gen.Byte.Array[0, 64].Select(b => (byte[]?)b)),
        (1, Gen.OneOf("", " ", "{", "}", "{\"token\":", "\"just a string\"", "{}garbage", "\u00EF\u00BB\u00BF{}").Select(s => (byte[]?)Encoding.Latin1.GetBytes(s))),
        (1, Gen.Int[60_000, 70_000].Select(n => (byte[]?)Encoding.ASCII.GetBytes("{\"customId\":\"" + new string('c', n) + "\"}"))));

    private static readonly Gen<string?> ContentType = Gen.Frequency(
        (6, Gen.Const((string?)"application/json")),
        (2, Gen.Const((string?)null)),
        (1, Gen.OneOf("text/plain", "application/json; charset=utf-16", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=\u00FF").Select(s => (string?)s)));

    public static readonly Gen<FuzzCase> Case = Gen.Select(Request, Auth, Gen.Frequency((3, Gen.Const((string?)null)), (2, HeaderText.Select(t => (string?)t))), ContentType, Body)
        .Select((request, auth, requestId, contentType, body) => new FuzzCase(request.Method, request.PathAndQuery, auth.Item1, auth.Item2, requestId, contentType, body));
}
