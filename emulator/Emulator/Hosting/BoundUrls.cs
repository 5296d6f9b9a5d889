using Emulator.Configuration;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Emulator.Hosting;

/// <summary>
/// The base URLs the server is bound to, with the endpoint host, known once it has started (ports may be picked at
/// start). Not to be confused with the emulator endpoints: the <c>/emulator/</c> routes (docs/emulator-endpoints.md).
/// </summary>
internal sealed class BoundUrls(ResourceSettings resource)
{
    public string? Http { get; private set; }

    public string? Https { get; private set; }

    /// <summary>Reads the bound addresses from the server and rewrites their host to the endpoint host.</summary>
    public void Capture(IServer server)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            if (!Uri.TryCreate(address.Replace("*", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri))
            {
                continue;
            }

            var url = $"{uri.Scheme}://{resource.EndpointHost}:{uri.Port}/";
            if (uri.Scheme == Uri.UriSchemeHttps)
            {
                Https ??= url;
            }
            else
            {
                Http ??= url;
            }
        }
    }

    public string ConnectionString(string endpoint) => $"endpoint={endpoint};accesskey={resource.AccessKey}";

    /// <summary>The URLs by scheme; falls back to the request's own base URL in test hosts, which bind no address.</summary>
    public Dictionary<string, string> ByScheme(HttpRequest? request)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Http is not null)
        {
            result["http"] = Http;
        }

        if (Https is not null)
        {
            result["https"] = Https;
        }

        if (result.Count == 0 && request is not null)
        {
            result[request.Scheme] = $"{request.Scheme}://{request.Host}/";
        }

        return result;
    }
}
