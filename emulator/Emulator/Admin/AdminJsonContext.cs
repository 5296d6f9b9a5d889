using System.Text.Json;
using System.Text.Json.Serialization;

namespace Emulator.Admin;

/// <summary>Source-generated JSON for the emulator endpoints' views and the OpenID discovery document.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IdentityStateView))]
[JsonSerializable(typeof(IdentityListView))]
[JsonSerializable(typeof(ClockView))]
[JsonSerializable(typeof(TokenValidationView))]
[JsonSerializable(typeof(InfoView))]
[JsonSerializable(typeof(HealthView))]
[JsonSerializable(typeof(Dictionary<string, object>))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class AdminJsonContext : JsonSerializerContext;
