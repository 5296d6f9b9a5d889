using System.Text.Json;
using System.Text.Json.Serialization;

namespace Emulator.Identities;

/// <summary>Source-generated JSON for the identity operations' bodies: camelCase, nulls omitted (the service omits absent members).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CommunicationIdentity))]
[JsonSerializable(typeof(IdentityAccessTokenResult))]
[JsonSerializable(typeof(AccessTokenResult))]
[JsonSerializable(typeof(LegacyIdentityResult))]
[JsonSerializable(typeof(LegacyTokenResult))]
internal sealed partial class IdentitiesJsonContext : JsonSerializerContext;
