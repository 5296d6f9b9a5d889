namespace Emulator.Tests.Hardening;

/// <summary>How a fuzzed request authenticates.</summary>
public enum FuzzAuth
{
    /// <summary>A valid HMAC-SHA256 signature over whatever is sent, so the request reaches the handler.</summary>
    Hmac,
    None,
    /// <summary>An unsigned Entra-shaped bearer token with a random <c>exp</c>.</summary>
    Bearer,
    Garbage,
}

/// <summary>One generated request. <see cref="PathAndQuery"/> may hold <c>{id}</c>, replaced by a known identity when sent.</summary>
public sealed record FuzzCase(string Method, string PathAndQuery, FuzzAuth Auth, string? AuthValue, string? ClientRequestId, string? ContentType, byte[]? Body)
{
    public override string ToString()
        => $"{Method} {PathAndQuery} auth={Auth} request-id={Escape(ClientRequestId)} content-type={Escape(ContentType)} body={(Body is null ? "none" : Escape(System.Text.Encoding.Latin1.GetString(Body.AsSpan(0, Math.Min(Body.Length, 300)))) + $" ({Body.Length} bytes)")}";

    private static string Escape(string? value) => value is null
        ? "none"
        : string.Concat(value.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\x{(int)c:x2}"));
}
