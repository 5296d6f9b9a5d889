using System.Text.Json;
using System.Text.Json.Serialization;
using Emulator.Admin;
using Emulator.Identities;
using Emulator.Teams;
using Emulator.Turn;

namespace Emulator.Infrastructure;

/// <summary>Source-generated JSON for every body the emulator writes: camelCase, nulls omitted (the service omits absent members).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CommunicationIdentity))]
[JsonSerializable(typeof(IdentityAccessTokenResult))]
[JsonSerializable(typeof(AccessTokenResult))]
[JsonSerializable(typeof(LegacyIdentityResult))]
[JsonSerializable(typeof(LegacyTokenResult))]
[JsonSerializable(typeof(TeamsExtensionAssignment))]
[JsonSerializable(typeof(TurnCredentialsResult))]
[JsonSerializable(typeof(IdentityStateView))]
[JsonSerializable(typeof(IdentityListView))]
[JsonSerializable(typeof(ClockView))]
[JsonSerializable(typeof(TokenValidationView))]
[JsonSerializable(typeof(InfoView))]
[JsonSerializable(typeof(HealthView))]
[JsonSerializable(typeof(Emulator.Faults.FaultRuleView))]
[JsonSerializable(typeof(Emulator.Faults.FaultListView))]
[JsonSerializable(typeof(Emulator.Snapshots.SnapshotDocument))]
[JsonSerializable(typeof(Dictionary<string, object>))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
[JsonSerializable(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails))]
[JsonSerializable(typeof(Microsoft.AspNetCore.Http.HttpValidationProblemDetails))]
public sealed partial class AcsJsonContext : JsonSerializerContext;
