using System.Text.Json;
using System.Text.Json.Serialization;

namespace Emulator.Infrastructure;

/// <summary>
/// Source-generated JSON for the bodies no feature owns: problem details and raw JSON objects. Each feature has its
/// own context for its bodies, added to the same resolver chain by its <c>AddXxx()</c>
/// (<see cref="InfrastructureServices.AddJsonContext"/>); all share these options: camelCase, nulls omitted.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
[JsonSerializable(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails))]
[JsonSerializable(typeof(Microsoft.AspNetCore.Http.HttpValidationProblemDetails))]
internal sealed partial class AcsJsonContext : JsonSerializerContext;
