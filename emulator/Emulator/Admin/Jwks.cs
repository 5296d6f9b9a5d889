using System.Text.Json;
using Emulator.Tokens;
using Microsoft.IdentityModel.Tokens;

namespace Emulator.Admin;

/// <summary>The JWKS document of the signing key, built once.</summary>
internal sealed class Jwks(SigningKeys keys)
{
    public string Json { get; } = Build(keys);

    private static string Build(SigningKeys keys)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("keys");
            writer.WriteStartObject();
            writer.WriteString("kty", "RSA");
            writer.WriteString("use", "sig");
            writer.WriteString("alg", SecurityAlgorithms.RsaSha256);
            writer.WriteString("kid", keys.KeyId);
            writer.WriteString("x5t", keys.X5t);
            writer.WriteString("n", Base64UrlEncoder.Encode(keys.Parameters.Modulus));
            writer.WriteString("e", Base64UrlEncoder.Encode(keys.Parameters.Exponent));
            writer.WriteStartArray("x5c");
            writer.WriteStringValue(Convert.ToBase64String(keys.Certificate.RawData));
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
