using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;

namespace Testcontainers.AcsIdentityEmulator;

/// <summary>
/// Ready when <see cref="AcsIdentityEmulatorBuilder.ReadinessPath"/> answers 200 on one of the container's candidate
/// host addresses; remembers which one answered, so the connection strings use an address that works.
/// </summary>
internal sealed class ReadinessProbe : IWaitUntil
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    public async Task<bool> UntilAsync(IContainer container)
    {
        var emulator = (AcsIdentityEmulatorContainer)container;
        var port = emulator.GetMappedPublicPort(AcsIdentityEmulatorBuilder.HttpPort);
        foreach (var host in emulator.CandidateHosts())
        {
            if (await IsReadyAsync(new Uri($"http://{host}:{port}{AcsIdentityEmulatorBuilder.ReadinessPath}")).ConfigureAwait(false))
            {
                emulator.UseHost(host);
                return true;
            }
        }

        return false;
    }

    private static async Task<bool> IsReadyAsync(Uri uri)
    {
        try
        {
            using var response = await Http.GetAsync(uri).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }
}
