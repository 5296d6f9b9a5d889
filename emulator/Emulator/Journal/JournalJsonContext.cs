using System.Text.Json;
using System.Text.Json.Serialization;

namespace Emulator.Journal;

/// <summary>Source-generated JSON for the request journal's list.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RequestJournalList))]
internal sealed partial class JournalJsonContext : JsonSerializerContext;
