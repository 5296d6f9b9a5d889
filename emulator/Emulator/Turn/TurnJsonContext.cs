using System.Text.Json;
using System.Text.Json.Serialization;

namespace Emulator.Turn;

/// <summary>Source-generated JSON for the TURN credentials body: camelCase, nulls omitted.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TurnCredentialsResult))]
internal sealed partial class TurnJsonContext : JsonSerializerContext;
