using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Emulator.Benchmarks.Http;
using Emulator.Benchmarks.Processes;

namespace Emulator.Benchmarks.Suites;

/// <summary>The published emulator in a child process, with a random access key and resource id, and a signed client for it.</summary>
public sealed class EmulatorTarget : IDisposable
{
    private readonly HttpMessageInvoker _admin = ClientFactory.Create(2);

    private EmulatorTarget(ChildServer server, AcsApi api, Credentials credentials)
    {
        Server = server;
        Api = api;
        Credentials = credentials;
    }

    public ChildServer Server { get; }

    public AcsApi Api { get; }

    /// <summary>The key and resource id it was started with, for clients other than <see cref="Api"/>.</summary>
    public Credentials Credentials { get; }

    public static IReadOnlyList<string> Arguments(int port, Credentials credentials, string dataDirectory = "none") =>
    [
        "--port", port.ToString(CultureInfo.InvariantCulture),
        "--https-port", "-1",
        "--listen", "127.0.0.1",
        "--access-key", credentials.AccessKey,
        "--resource-id", credentials.ResourceId,
        "--data-dir", dataDirectory,
    ];

    /// <summary>Starts the emulator, waits until it is ready, and checks that it really authenticates and issues tokens.</summary>
    public static async Task<EmulatorTarget> StartAsync(string emulatorDll, string dataDirectory = "none", params string[] extra)
    {
        var credentials = Credentials.NewRandom();
        var port = FreePort.Next();
        var server = ChildServer.Start("emulator", emulatorDll, port, [.. Arguments(port, credentials, dataDirectory), .. extra]);
        var target = new EmulatorTarget(server, new AcsApi(server.BaseUri, credentials.Signer()), credentials);
        try
        {
            await target.WaitReadyAsync(TimeSpan.FromSeconds(30));
            await target.ProbeAsync();
            return target;
        }
        catch
        {
            target.Dispose();
            throw;
        }
    }

    public async Task ResetAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Server.BaseUri, "/emulator/reset"));
        using var response = await _admin.SendAsync(request, CancellationToken.None);
        Expect(response.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.OK, $"POST /emulator/reset answered {(int)response.StatusCode}");
    }

    /// <summary>
    /// Creates <paramref name="count"/> identities over HTTP (optionally each with a chat token) and returns their raw
    /// ids; <paramref name="progress"/>, when given, is called with the number created so far after every 10,000th.
    /// </summary>
    public async Task<string[]> PopulateAsync(int count, bool withToken, int concurrency = 16, Action<int>? progress = null)
    {
        var ids = new string[count];
        var next = -1;
        var done = 0;
        using var client = ClientFactory.Create(concurrency);
        var body = withToken ? AcsApi.CreateWithTokenBody : AcsApi.CreateBody;
        Func<byte[], bool> check = withToken ? ResponseChecks.IsIdentityWithToken : ResponseChecks.IsIdentity;
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                using var request = Api.Create(body);
                using var response = await client.SendAsync(request, CancellationToken.None);
                var bytes = await response.Content.ReadAsByteArrayAsync();
                Expect(response.StatusCode == HttpStatusCode.Created && check(bytes), $"populate: create answered {(int)response.StatusCode} '{ResponseChecks.Excerpt(bytes)}'");
                ids[i] = ResponseChecks.IdOf(bytes);
                if (progress is not null && Interlocked.Increment(ref done) is var created && created % 10_000 == 0)
                {
                    progress(created);
                }
            }
        }));
        await Task.WhenAll(workers);
        return ids;
    }

    public void Dispose()
    {
        _admin.Dispose();
        Server.Dispose();
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            Expect(!Server.HasExited, $"the emulator exited during start-up:\n{Server.Output()}");
            try
            {
                using var request = Api.Get("/emulator/health/ready");
                using var response = await _admin.SendAsync(request, CancellationToken.None);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(20);
        }

        throw new HarnessException($"the emulator was not ready within {timeout.TotalSeconds} s:\n{Server.Output()}");
    }

    /// <summary>
    /// Proves the figures are of a working emulator: wrong signatures are refused, tokens it issues validate, revoke
    /// and delete take effect.
    /// </summary>
    private async Task ProbeAsync()
    {
        using (var unsigned = new HttpRequestMessage(HttpMethod.Post, new Uri(Server.BaseUri, $"/identities?api-version={AcsApi.ApiVersion}")))
        {
            unsigned.Content = new ByteArrayContent(AcsApi.CreateBody);
            Expect(await StatusAsync(unsigned) == HttpStatusCode.Unauthorized, "an unsigned create was not refused with 401");
        }

        var wrongKey = new AcsApi(Server.BaseUri, Credentials.NewRandom().Signer());
        Expect(await StatusAsync(wrongKey.Create(AcsApi.CreateBody)) == HttpStatusCode.Unauthorized, "a create signed with another key was not refused with 401");

        var (status, created) = await SendAsync(Api.Create(AcsApi.CreateWithTokenBody));
        Expect(status == HttpStatusCode.Created && ResponseChecks.IsIdentityWithToken(created), $"create with token answered {(int)status} '{ResponseChecks.Excerpt(created)}'");
        var id = Uri.EscapeDataString(ResponseChecks.IdOf(created));
        var firstToken = TokenOf(created);
        Expect(await IsValidAsync(firstToken), "the token issued at creation does not validate at /emulator/tokens/validate");

        (status, var issued) = await SendAsync(Api.Issue(id));
        Expect(status == HttpStatusCode.OK && ResponseChecks.IsToken(issued), $"issue token answered {(int)status} '{ResponseChecks.Excerpt(issued)}'");
        Expect(await StatusAsync(Api.Revoke(id)) == HttpStatusCode.NoContent, "revoke did not answer 204");
        Expect(!await IsValidAsync(firstToken), "a revoked token still validates");
        Expect(await StatusAsync(Api.Delete(id)) == HttpStatusCode.NoContent, "delete did not answer 204");
        Expect(await StatusAsync(Api.Issue(id)) == HttpStatusCode.NotFound, "issuing a token for a deleted identity did not answer 404");
    }

    private async Task<bool> IsValidAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Server.BaseUri, "/emulator/tokens/validate"))
        {
            Content = new StringContent($"{{\"token\":\"{token}\"}}", Encoding.UTF8, "application/json"),
        };
        var (status, body) = await SendAsync(request);
        Expect(status == HttpStatusCode.OK, $"/emulator/tokens/validate answered {(int)status}");
        return Encoding.UTF8.GetString(body).Contains("\"valid\":true", StringComparison.Ordinal);
    }

    private static string TokenOf(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        const string Marker = "\"token\":\"";
        var start = text.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length;
        return text[start..text.IndexOf('"', start)];
    }

    private async Task<HttpStatusCode> StatusAsync(HttpRequestMessage request) => (await SendAsync(request)).Status;

    private async Task<(HttpStatusCode Status, byte[] Body)> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await _admin.SendAsync(request, CancellationToken.None);
            return (response.StatusCode, await response.Content.ReadAsByteArrayAsync());
        }
    }

    private static void Expect(bool condition, string problem)
    {
        if (!condition)
        {
            throw new HarnessException($"emulator check failed: {problem}.");
        }
    }
}
