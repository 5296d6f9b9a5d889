using System.Security.Cryptography.X509Certificates;

namespace Emulator.TestSupport.Targets;

/// <summary>
/// An emulator already running elsewhere (a process, a container) at <c>EMULATOR_URL</c>, with its https endpoint at
/// <c>EMULATOR_HTTPS_URL</c> or as <c>GET /emulator/info</c> names it. Its access key comes from <c>EMULATOR_ACCESS_KEY</c>
/// (needed when the emulator sees this process as another host, as behind a container's port mapping) or else from
/// <c>/emulator/info</c>.
/// </summary>
public sealed class UrlEmulatorTarget : ContractTarget
{
    public const string UrlVariable = "EMULATOR_URL";

    public const string HttpsUrlVariable = "EMULATOR_HTTPS_URL";

    public const string AccessKeyVariable = "EMULATOR_ACCESS_KEY";

    public override string Name => "emulator at " + UrlVariable;

    public override async ValueTask InitializeAsync()
    {
        var url = Environment.GetEnvironmentVariable(UrlVariable);
        if (string.IsNullOrWhiteSpace(url))
        {
            SkipReason = $"{UrlVariable} is not set: the scenarios against a running emulator (process or container) are skipped. "
                + $"Set {UrlVariable}=http://localhost:8080 (and optionally {HttpsUrlVariable}) to run them.";
            return;
        }

        Endpoint = new Uri(url.TrimEnd('/') + "/");
        UseAdmin(Endpoint, Environment.GetEnvironmentVariable(AccessKeyVariable));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var info = await Admin!.InfoAsync(timeout.Token).ConfigureAwait(false);
        AccessKey = info.GetProperty("accessKey").GetString()!;
        ResourceId = info.GetProperty("resourceId").GetString();
        var httpsUrl = Environment.GetEnvironmentVariable(HttpsUrlVariable);
        if (string.IsNullOrWhiteSpace(httpsUrl) && info.TryGetProperty("endpoints", out var endpoints) && endpoints.TryGetProperty("https", out var https))
        {
            httpsUrl = https.GetString();
        }

        if (!string.IsNullOrWhiteSpace(httpsUrl))
        {
            HttpsEndpoint = new Uri(httpsUrl.TrimEnd('/') + "/");
            var pem = await Admin.CertificatePemAsync(timeout.Token).ConfigureAwait(false);
            TrustedCertificate = X509Certificate2.CreateFromPem(pem);
        }
    }
}
