namespace Emulator.Faults;

/// <summary>
/// Set on a request a fault rule fired for: the hook through which the request journal (or anything else that
/// reports requests) marks it as faulted. <see cref="Action"/> is <c>respond</c>, <c>abort</c> or <c>delay</c>.
/// </summary>
internal sealed record FaultedRequestFeature(string RuleId, string Action, int? Status);
