using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CsCheck;

namespace Emulator.Tests.Hardening;

/// <summary>
/// Seeded fuzz of the emulated API and the <c>/emulator/*</c> routes against a real Kestrel server (issue 8): tens of
/// thousands of generated requests (<see cref="FuzzGenerators"/>), most with a valid HMAC signature so they reach the
/// handlers. No answer may be a 5xx or a dropped connection, and afterwards the identities the fuzz created are all
/// there, the ones it deleted are deleted, and live ones still get tokens that validate.
/// <c>FUZZ_ITERATIONS</c> (default 20000) and <c>FUZZ_SEED</c> (default 8) choose the run; case <c>i</c> of a seed is
/// always the same request, apart from which known identity stands for <c>{id}</c>.
/// </summary>
public sealed class SurfaceFuzzTests(ITestOutputHelper output)
{
    private const int Workers = 4;
    private const int MaxReported = 20;

    [Fact]
    public async Task RandomRequests_NeverGet5xx_AndIdentityStateStaysConsistent()
    {
        var iterations = Setting("FUZZ_ITERATIONS", 20_000);
        var seed = (ulong)Setting("FUZZ_SEED", 8);
        await using var emulator = await KestrelEmulator.StartAsync();
        using var hmac = emulator.CreateClient(withHmac: true);
        using var plain = emulator.CreateClient(withHmac: false);
        var model = new IdentityModel();
        for (var i = 0; i < 8; i++)
        {
            using var created = await hmac.PostAsync("/identities?api-version=2023-10-01", Json("{}"));
            model.Created(await IdentityIdAsync(created));
        }

        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < iterations && failures.Count < MaxReported)
            {
                var pcg = new PCG((uint)i, seed);
                var fuzz = FuzzGenerators.Case.Generate(pcg, null, out Size _);
                var known = model.Pick(pcg.Next());
                var result = await SendAsync(fuzz, known, hmac, plain, model);
                statuses.AddOrUpdate(result.Status, 1, (_, n) => n + 1);
                if (result.Status is < 100 or >= 500)
                {
                    failures.Enqueue($"case {i} (seed {seed}): {fuzz} {{id}}={known} -> {result.Status} {result.Detail}");
                }
            }
        })));
        clock.Stop();

        var histogram = string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}:{s.Value}"));
        var state = model.Snapshot();
        output.WriteLine($"{Math.Min(iterations, next)} cases (seed {seed}, {Workers} workers) in {clock.Elapsed.TotalSeconds:F1} s; statuses {histogram}; "
            + $"{state.Count} identities known, {state.Count(s => s.Value)} deleted");
        Assert.True(failures.IsEmpty, string.Join("\n", failures));

        await AssertStateConsistentAsync(hmac, plain, state);
    }

    private static async Task<(int Status, string Detail)> SendAsync(FuzzCase fuzz, string? known, HttpClient hmac, HttpClient plain, IdentityModel model)
    {
        var path = fuzz.PathAndQuery.Replace("{id}", Uri.EscapeDataString(known ?? "none"), StringComparison.Ordinal);
        // Absolute, so that a generated "//x" path stays a path.
        using var request = new HttpRequestMessage(new HttpMethod(fuzz.Method), new Uri(hmac.BaseAddress!.GetLeftPart(UriPartial.Authority) + path));
        if (fuzz.Body is not null)
        {
            request.Content = new ByteArrayContent(fuzz.Body);
            if (fuzz.ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", fuzz.ContentType);
            }
        }

        if (fuzz.AuthValue is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", fuzz.AuthValue);
        }

        if (fuzz.ClientRequestId is not null)
        {
            request.Headers.TryAddWithoutValidation("x-ms-client-request-id", fuzz.ClientRequestId);
        }

        try
        {
            using var response = await (fuzz.Auth == FuzzAuth.Hmac ? hmac : plain).SendAsync(request);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            Track(fuzz, path, known, status, body, model);
            return (status, body.Length > 300 ? body[..300] : body);
        }
        catch (HttpRequestException ex)
        {
            return (0, $"{ex.GetType().Name}: {ex.Message} {ex.InnerException?.Message}");
        }
        catch (TaskCanceledException ex)
        {
            return (0, $"timed out: {ex.Message}");
        }
    }

    /// <summary>Records what the emulator confirmed: a created identity, or a deleted known one.</summary>
    private static void Track(FuzzCase fuzz, string path, string? known, int status, string body, IdentityModel model)
    {
        var route = path.Split('?')[0].TrimEnd('/'); // routing ignores a trailing slash: "POST /identities/" creates
        if (fuzz.Method.Equals("POST", StringComparison.OrdinalIgnoreCase) && route == "/identities" && status is 200 or 201)
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            model.Created((root.TryGetProperty("identity", out var identity) ? identity : root).GetProperty("id").GetString()!);
        }
        else if (fuzz.Method.Equals("DELETE", StringComparison.OrdinalIgnoreCase) && status == 204 && known is not null && route == "/identities/" + Uri.EscapeDataString(known))
        {
            model.Deleted(known);
        }
        else if (fuzz.Method.Equals("DELETE", StringComparison.OrdinalIgnoreCase) && status == 200 && known is not null && route == "/emulator/identities/" + Uri.EscapeDataString(known))
        {
            model.Deleted(known); // the dashboard's delete route
        }
    }

    private static async Task AssertStateConsistentAsync(HttpClient hmac, HttpClient plain, IReadOnlyDictionary<string, bool> state)
    {
        (await plain.DeleteAsync("/emulator/clock")).EnsureSuccessStatusCode(); // the fuzz may have moved the emulated clock
        var alive = state.Where(s => !s.Value).Select(s => s.Key).ToArray();
        foreach (var (id, deleted) in state)
        {
            using var response = await plain.GetAsync("/emulator/identities/" + Uri.EscapeDataString(id));
            if (deleted && response.StatusCode == HttpStatusCode.NotFound)
            {
                continue; // a tombstone may be dropped once no token of it can be valid
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(deleted, json.RootElement.GetProperty("deleted").GetBoolean());
        }

        using (var list = JsonDocument.Parse(await plain.GetStringAsync("/emulator/identities?top=10000")))
        {
            var unknown = list.RootElement.GetProperty("value").EnumerateArray().Where(v => !state.ContainsKey(v.GetProperty("id").GetString()!)).Select(v => v.ToString()).ToArray();
            Assert.True(unknown.Length == 0, $"{unknown.Length} identities the fuzz never created, e.g. {string.Join(", ", unknown.Take(3))}");
            Assert.InRange(list.RootElement.GetProperty("count").GetInt32(), alive.Length, state.Count);
        }

        foreach (var id in alive.Take(20))
        {
            using var issued = await hmac.PostAsync($"/identities/{Uri.EscapeDataString(id)}/:issueAccessToken?api-version=2023-10-01", Json("""{"scopes":["chat"]}"""));
            Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
            using var token = JsonDocument.Parse(await issued.Content.ReadAsStringAsync());
            using var validation = await plain.PostAsync("/emulator/tokens/validate", Json(JsonSerializer.Serialize(new { token = token.RootElement.GetProperty("token").GetString() })));
            using var view = JsonDocument.Parse(await validation.Content.ReadAsStringAsync());
            Assert.True(view.RootElement.GetProperty("valid").GetBoolean(), view.RootElement.ToString());
        }
    }

    private static async Task<string> IdentityIdAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("identity").GetProperty("id").GetString()!;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static int Setting(string name, int fallback)
        => int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
