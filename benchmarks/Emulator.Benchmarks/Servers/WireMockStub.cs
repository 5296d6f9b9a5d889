using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Emulator.Benchmarks.Servers;

/// <summary>
/// What a user without the emulator would write: a WireMock.Net stub answering POST /identities with a canned 201.
/// With <c>--defaults</c> only the URL is set, as in WireMock's README; without it the stub gets its best settings
/// (no admin interface, no logger, request journal capped at 100 entries instead of unbounded).
/// </summary>
public static class WireMockStub
{
    public static async Task<int> RunAsync(string[] args)
    {
        var port = CannedIdentity.Port(args);
        using var server = WireMockServer.Start(args.Contains("--defaults")
            ? new WireMockServerSettings { Urls = [$"http://127.0.0.1:{port}"] }
            : new WireMockServerSettings
            {
                Urls = [$"http://127.0.0.1:{port}"],
                StartAdminInterface = false,
                MaxRequestLogCount = 100,
                Logger = new WireMockNullLogger(),
            });
        server
            .Given(Request.Create().WithPath("/identities").UsingPost())
            .RespondWith(Response.Create()
                .WithStatusCode(201)
                .WithHeader("Content-Type", CannedIdentity.ContentType)
                .WithBody(CannedIdentity.Text));

        Console.WriteLine($"WireMock.Net stub listening on 127.0.0.1:{port}");
        await CannedIdentity.ParentGone();
        server.Stop();
        return 0;
    }
}
