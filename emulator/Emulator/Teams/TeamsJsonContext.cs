using System.Text.Json;
using System.Text.Json.Serialization;

namespace Emulator.Teams;

/// <summary>Source-generated JSON for the Teams-extension assignment bodies: camelCase, nulls omitted.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TeamsExtensionAssignment))]
internal sealed partial class TeamsJsonContext : JsonSerializerContext;
