using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Emulator.TestSupport.Wire;

/// <summary>The emulator's own endpoints (<c>/emulator/…</c>, docs/emulator-endpoints.md), over HTTP, for every emulator target alike.</summary>
public sealed class EmulatorAdminClient(HttpClient http)
{
    /// <summary>The header that carries the access key to the admin routes an emulator keeps from non-loopback callers.</summary>
    public const string AccessKeyHeader = "x-emulator-access-key";

    public async Task<JsonElement> InfoAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri("/emulator/info", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden)
        {
            throw new InvalidOperationException($"GET /emulator/info answered {(int)response.StatusCode}: the emulator sees this process as another host. "
                + "Set EMULATOR_ACCESS_KEY to its access key (the accesskey of the connection string it prints).");
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
    }

    public async Task<string> CertificatePemAsync(CancellationToken cancellationToken) =>
        await http.GetStringAsync(new Uri("/emulator/certificate", UriKind.Relative), cancellationToken).ConfigureAwait(false);

    public async Task<string> JwksAsync(CancellationToken cancellationToken) =>
        await http.GetStringAsync(new Uri("/emulator/jwks", UriKind.Relative), cancellationToken).ConfigureAwait(false);

    /// <summary>Asks whether the emulator would accept <paramref name="token"/> now: <c>{"valid":…,"reason"?…}</c>.</summary>
    public async Task<JsonElement> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/emulator/tokens/validate", new { token }, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
    }

    public async Task SetClockOffsetAsync(TimeSpan offset, CancellationToken cancellationToken)
    {
        using var content = JsonContent.Create(new Dictionary<string, double> { ["offsetSeconds"] = offset.TotalSeconds });
        using var response = await http.PutAsync(new Uri("/emulator/clock", UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    public async Task ResetClockAsync(CancellationToken cancellationToken)
    {
        using var response = await http.DeleteAsync(new Uri("/emulator/clock", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The emulated time now.</summary>
    public async Task<DateTimeOffset> NowAsync(CancellationToken cancellationToken)
    {
        var clock = await http.GetFromJsonAsync<JsonElement>("/emulator/clock", cancellationToken).ConfigureAwait(false);
        return DateTimeOffset.Parse(clock.GetProperty("now").GetString()!, CultureInfo.InvariantCulture);
    }
}
