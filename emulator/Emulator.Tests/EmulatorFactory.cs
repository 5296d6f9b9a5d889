using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Emulator.Tests;

/// <summary>The emulator in-process on a test server, with a fake clock and a known key and resource.</summary>
public sealed class EmulatorFactory : WebApplicationFactory<Program>
{
    public const string ResourceId = "2b236b8e-e9b7-4be0-8757-b43061a56d37";
    public const string OtherResourceId = "00000000-0000-0000-0000-000000000000";

    // 32 bytes, base64; the real service's keys are 64 bytes but any base64 key works.
    public const string AccessKey = "c2VjcmV0LWtleS1vZi10aGUtdGVzdC1yZXNvdXJjZSE=";

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero));

    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Server:DataDirectory"] = "none",
        ["Resource:AccessKey"] = AccessKey,
        ["Resource:Id"] = ResourceId,
        ["Resource:Location"] = "unitedstates",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(Settings));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
    }

    /// <summary>A client that signs every request with HMAC-SHA256 as the current SDKs do (x-ms-date).</summary>
    public HttpClient CreateSignedClient(string? key = null, string dateHeader = HmacSigner.DateHeader)
        => CreateDefaultClient(new HmacSigningHandler(key ?? AccessKey, Time, dateHeader));

    public static string IdentityId(Guid id, string resourceId = ResourceId) => Identities.IdentityId.ForIdentity(resourceId, id).Raw;
}
