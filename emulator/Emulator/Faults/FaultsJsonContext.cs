using System.Text.Json;
using System.Text.Json.Serialization;

namespace Emulator.Faults;

/// <summary>Source-generated JSON for the fault rules' views.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FaultRuleView))]
[JsonSerializable(typeof(FaultListView))]
internal sealed partial class FaultsJsonContext : JsonSerializerContext;
