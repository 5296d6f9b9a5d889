using System.Text.Json;
using System.Text.Json.Nodes;
using Emulator.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Emulator.Faults;

/// <summary>Fault injection: add, list and remove the rules applied by <see cref="FaultMiddleware"/>.</summary>
internal static class FaultsApi
{
    public static IEndpointRouteBuilder MapFaults(this IEndpointRouteBuilder app)
    {
        // GET    /emulator/faults          the rules, with how often each matched and fired
        // POST   /emulator/faults          add a rule (201; 400 naming every problem; 409 duplicate id)
        // GET    /emulator/faults/{id}     one rule
        // DELETE /emulator/faults/{id}     remove one rule (204; 404)
        // DELETE /emulator/faults          remove every rule (204)
        var group = app.MapGroup(ApiSurface.EmulatorPrefix + "/faults").ExcludeFromDescription();
        group.MapGet(string.Empty, (FaultStore store) => TypedResults.Ok(new FaultListView([.. store.Rules.Select(FaultRuleView.From)])));
        group.MapPost(string.Empty, Add);
        group.MapGet("/{id}", Get);
        group.MapDelete("/{id}", Remove);
        group.MapDelete(string.Empty, (FaultStore store) =>
        {
            store.Clear();
            return TypedResults.NoContent();
        });
        return app;
    }

    public static async Task<Results<Created<FaultRuleView>, ProblemHttpResult>> Add(HttpRequest request, FaultStore store, TimeProvider time)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException ex)
        {
            return TypedResults.Problem($"The body is not valid JSON: {ex.Message}", statusCode: 400, title: "Invalid fault rule");
        }

        var errors = new List<string>();
        if (FaultSpecReader.Read(body, errors) is not { } spec)
        {
            return TypedResults.Problem(string.Join(" ", errors), statusCode: 400, title: "Invalid fault rule");
        }

        if (store.Add(spec, time.GetUtcNow()) is not { } rule)
        {
            return TypedResults.Problem($"A fault rule with id '{spec.Id}' exists; delete it first or use another id.", statusCode: 409, title: "Duplicate fault rule");
        }

        return TypedResults.Created($"{ApiSurface.EmulatorPrefix}/faults/{Uri.EscapeDataString(rule.Id)}", FaultRuleView.From(rule));
    }

    public static Results<Ok<FaultRuleView>, ProblemHttpResult> Get(string id, FaultStore store)
        => store.Get(id) is { } rule ? TypedResults.Ok(FaultRuleView.From(rule)) : NotFound(id);

    public static Results<NoContent, ProblemHttpResult> Remove(string id, FaultStore store)
        => store.Remove(id) ? TypedResults.NoContent() : NotFound(id);

    private static ProblemHttpResult NotFound(string id)
        => TypedResults.Problem($"There is no fault rule '{id}'.", statusCode: 404, title: "Fault rule not found");
}
