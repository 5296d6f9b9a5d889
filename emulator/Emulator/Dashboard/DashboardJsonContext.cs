using System.Text.Json;
using System.Text.Json.Serialization;

namespace Emulator.Dashboard;

/// <summary>Source-generated JSON for the dashboard's configuration view.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DashboardConfigView))]
internal sealed partial class DashboardJsonContext : JsonSerializerContext;
