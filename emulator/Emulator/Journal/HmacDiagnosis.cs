using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Emulator.Authentication;
using Emulator.Configuration;
using Emulator.Infrastructure;
using Microsoft.Extensions.Options;

namespace Emulator.Journal;

/// <summary>
/// Why an HMAC-SHA256 request was refused: the missing signed header, the content hash, the date window, or — for a
/// wrong signature — the string-to-sign the emulator computed and, by re-signing variants (path decoded or encoded,
/// trailing slash, host with or without port), what the client signed instead. Never shows the key or a signature.
/// </summary>
internal static class HmacDiagnosis
{
    private static readonly string[] Required = ["host", HeaderNames.ContentSha256];

    public static string Explain(HttpContext context, AcsError error, string authorization, string accessKey)
    {
        var parameters = Parameters(authorization);
        if (!parameters.TryGetValue("SignedHeaders", out var signedHeaders) || !parameters.TryGetValue("Signature", out var signature))
        {
            // Names only, and only name-like ones: a value without a name may be a signature.
            var named = parameters.Keys.Where(k => k.Length <= 32 && k.All(char.IsAsciiLetterOrDigit)).Select(k => $"'{k}'").ToList();
            return $"The HMAC-SHA256 parameters must be 'SignedHeaders=…&Signature=…'; got {(named.Count == 0 ? "no named parameter" : string.Join(", ", named))}.";
        }

        var headers = context.Request.Headers;
        var names = signedHeaders.Split(';');
        var missing = Required.Where(r => !names.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
        if (!names.Any(n => n.Equals(HeaderNames.MsDate, StringComparison.OrdinalIgnoreCase) || n.Equals("date", StringComparison.OrdinalIgnoreCase)))
        {
            missing.Insert(0, "x-ms-date (or date)");
        }

        if (missing.Count > 0)
        {
            return $"SignedHeaders '{signedHeaders}' does not name {string.Join(", ", missing)}; the service requires the date header, host and x-ms-content-sha256.";
        }

        var unsent = names.Where(n => !n.Equals("host", StringComparison.OrdinalIgnoreCase) && headers[n].Count == 0).ToList();
        var unsentNote = unsent.Count == 0 ? string.Empty : $" Signed but not sent: {string.Join(", ", unsent)}.";
        if (error == AcsErrors.ContentHashMismatch())
        {
            var body = context.Features.Get<RequestBody>()?.Bytes ?? ReadOnlyMemory<byte>.Empty;
            var sent = headers[HeaderNames.ContentSha256].ToString();
            return $"Content hash mismatch: x-ms-content-sha256 is '{(sent.Length == 0 ? "(not sent)" : sent)}' but the {body.Length}-byte body hashes to '{Convert.ToBase64String(SHA256.HashData(body.Span))}'. Hash exactly the bytes sent.{unsentNote}";
        }

        if (error.Message.StartsWith("The given request could not be resolved.", StringComparison.Ordinal))
        {
            return DateReason(context, names) + unsentNote;
        }

        if (error != AcsErrors.SignatureInvalid())
        {
            return error.Message + unsentNote;
        }

        return SignatureReason(context, names, signature, accessKey) + unsentNote;
    }

    private static string DateReason(HttpContext context, string[] names)
    {
        var name = Array.Find(names, n => n.Equals(HeaderNames.MsDate, StringComparison.OrdinalIgnoreCase) || n.Equals("date", StringComparison.OrdinalIgnoreCase))!;
        var value = context.Request.Headers[name].ToString();
        var services = context.RequestServices;
        var now = services.GetRequiredService<EmulatorClock>().RealTime.GetUtcNow();
        var window = services.GetRequiredService<IOptions<AuthenticationOptions>>().Value.ClockSkewMinutes;
        if (!DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            return $"The {name} header '{value}' is not an RFC 1123 date.";
        }

        var difference = now - signedAt;
        var direction = difference > TimeSpan.Zero ? "behind" : "ahead of";
        var outside = difference.Duration() - TimeSpan.FromMinutes(window);
        return $"The {name} '{value}' is {Span(difference.Duration())} {direction} the emulator's real clock ({now:r}), {Span(outside)} outside the ±{window}-minute window (Authentication:ClockSkewMinutes). The emulated clock of /emulator/clock is not used for signing.";
    }

    private static string SignatureReason(HttpContext context, string[] names, string signature, string accessKey)
    {
        var presented = new byte[32];
        if (!Convert.TryFromBase64String(signature, presented, out var written) || written != 32)
        {
            return "The Signature is not the base64 of a 32-byte HMAC-SHA256.";
        }

        var request = context.Request;
        var method = request.Method.ToUpperInvariant();
        var host = request.Host.Value ?? string.Empty;
        var target = HmacAuthenticator.RawPathAndQuery(context);
        var computed = StringToSign(method, target, Values(request, names, host));
        var key = Convert.FromBase64String(accessKey);
        foreach (var (path, pathNote) in PathVariants(target))
        {
            foreach (var (signedHost, hostNote) in HostVariants(request))
            {
                if ((pathNote, hostNote) == (null, null))
                {
                    continue;
                }

                var candidate = StringToSign(method, path, Values(request, names, signedHost));
                if (CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(candidate)), presented))
                {
                    var what = string.Join(" and ", new[] { pathNote, hostNote }.Where(n => n is not null));
                    return $"Signature mismatch: the client signed {what}. The emulator computed {Quote(computed)}; the signature matches {Quote(candidate)}.";
                }
            }
        }

        return $"Signature mismatch: the signature matches none of the variants tried (path as sent, decoded, encoded, with and without a trailing slash or the leading '/'; host with and without port). The access key is most likely not this resource's key, or a signed value changed after signing. The emulator computed {Quote(computed)} (method, path and query, then the values of {string.Join(";", names)}).";
    }

    private static IEnumerable<(string Path, string? Note)> PathVariants(string target)
    {
        var query = target.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? target : target[..query];
        var rest = query < 0 ? string.Empty : target[query..];
        yield return (target, null);
        var decoded = Uri.UnescapeDataString(path);
        if (decoded != path)
        {
            yield return (decoded + rest, $"the decoded path '{decoded}' (the request sent '{path}')");
        }

        var encoded = string.Join('/', decoded.Split('/').Select(s => s.StartsWith(':') ? s : Uri.EscapeDataString(s)));
        if (encoded != path)
        {
            yield return (encoded + rest, $"the percent-encoded path '{encoded}' (the request sent '{path}')");
        }

        yield return (path.EndsWith('/') ? path.TrimEnd('/') + rest : path + "/" + rest, path.EndsWith('/') ? "the path without its trailing slash" : "the path with a trailing slash");
        yield return (path.TrimStart('/') + rest, "the path without its leading '/'");
        if (rest.Length > 0)
        {
            yield return (path, "the path without its query string");
        }
    }

    private static IEnumerable<(string Host, string? Note)> HostVariants(HttpRequest request)
    {
        var sent = request.Host;
        yield return (sent.Value ?? string.Empty, null);
        if (sent.Port is not null)
        {
            yield return (sent.Host, $"host '{sent.Host}' without the port (the request's Host is '{sent.Value}')");
        }
        else
        {
            var port = request.IsHttps ? 443 : 80;
            yield return ($"{sent.Host}:{port}", $"host '{sent.Host}:{port}' with the port (the request's Host is '{sent.Value}')");
        }
    }

    private static string[] Values(HttpRequest request, string[] names, string host)
        => [.. names.Select(n => n.Equals("host", StringComparison.OrdinalIgnoreCase) ? host : request.Headers[n].ToString())];

    private static string StringToSign(string method, string pathAndQuery, string[] values) => HmacAuthenticator.StringToSign(method, pathAndQuery, string.Join(';', values));

    private static string Quote(string stringToSign) => "\"" + stringToSign.Replace("\n", "\\n", StringComparison.Ordinal) + "\"";

    private static Dictionary<string, string> Parameters(string authorization)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        foreach (var part in (space < 0 ? string.Empty : authorization[(space + 1)..]).Split('&', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                result[part[..eq]] = part[(eq + 1)..];
            }
        }

        return result;
    }

    private static string Span(TimeSpan span) => span.TotalMinutes >= 1
        ? $"{(int)span.TotalMinutes} min {span.Seconds} s"
        : $"{span.TotalSeconds:0.#} s";
}
