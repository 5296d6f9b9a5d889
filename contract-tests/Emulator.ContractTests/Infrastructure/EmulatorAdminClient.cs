using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Emulator.ContractTests.Infrastructure;

/// <summary>The emulator's own endpoints (<c>/emulator/…</c>, docs/emulator-endpoints.md), over HTTP, for every emulator target alike.</summary>
public sealed class EmulatorAdminClient(HttpClient http)
{
    public async Task<JsonElement> InfoAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<JsonElement>("/emulator/info", cancellationToken).ConfigureAwait(false);

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
