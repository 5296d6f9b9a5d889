using System.Buffers.Text;
using System.Text.Json;

namespace Emulator.TestSupport.Wire;

/// <summary>A decoded JWT (header and payload); the signature is checked elsewhere, against the emulator's JWKS.</summary>
public sealed record Jwt(JsonElement Header, JsonElement Payload)
{
    public static Jwt Decode(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            throw new FormatException($"A JWT has 3 dot-separated parts; this one has {parts.Length}.");
        }

        return new Jwt(Parse(parts[0]), Parse(parts[1]));
    }

    public string? HeaderString(string name) => Header.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public JsonElement? Claim(string name) => Payload.TryGetProperty(name, out var v) ? v : null;

    public long Exp => Payload.GetProperty("exp").GetInt64();

    public long Iat => Payload.GetProperty("iat").GetInt64();

    private static JsonElement Parse(string part)
    {
        using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(part));
        return document.RootElement.Clone();
    }
}
