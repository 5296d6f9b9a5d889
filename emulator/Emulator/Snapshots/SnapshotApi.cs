using Emulator.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Emulator.Snapshots;

/// <summary>The whole state as versioned JSON: read it, or replace the state with one.</summary>
internal static class SnapshotApi
{
    private const int MaxSnapshotBytes = 64 * 1024 * 1024;

    public static IEndpointRouteBuilder MapSnapshots(this IEndpointRouteBuilder app)
    {
        // GET /emulator/snapshot   the state (identities, revocations, tombstones, assignments, clock offset)
        // PUT /emulator/snapshot   replace the state (204; 400 naming the problem, changing nothing)
        var group = app.MapGroup(ApiSurface.EmulatorPrefix).ExcludeFromDescription();
        group.MapGet("/snapshot", (SnapshotService snapshots) => TypedResults.Bytes(snapshots.Serialize(), "application/json"));
        group.MapPut("/snapshot", Replace);
        return app;
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Replace(HttpRequest request, SnapshotService snapshots)
    {
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxSnapshotBytes + 1L;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxSnapshotBytes)
            {
                return TypedResults.Problem($"The snapshot is larger than {MaxSnapshotBytes} bytes.", statusCode: 413, title: "Snapshot too large");
            }

            buffer.Write(chunk, 0, read);
        }

        return snapshots.TryApply(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)) is { } problem
            ? TypedResults.Problem(problem, statusCode: 400, title: "Invalid snapshot")
            : TypedResults.NoContent();
    }
}
