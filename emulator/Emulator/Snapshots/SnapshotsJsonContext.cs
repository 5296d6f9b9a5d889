using System.Text.Json;
using System.Text.Json.Serialization;

namespace Emulator.Snapshots;

/// <summary>Source-generated JSON for snapshots and the persisted state file.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SnapshotDocument))]
internal sealed partial class SnapshotsJsonContext : JsonSerializerContext;
