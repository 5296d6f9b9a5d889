using Microsoft.Extensions.DependencyInjection;
using Emulator.Configuration;
using Emulator.Hosting;
using Microsoft.Extensions.Configuration;

namespace Emulator.Tests;

/// <summary>Invalid settings are all reported at once, naming key and accepted values; good ones start the emulator.</summary>
public sealed class ConfigurationTests
{
    private static IReadOnlyList<string> Validate(Dictionary<string, string?> settings)
        => SettingsValidator.Validate(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    [Fact]
    public void EveryInvalidSetting_IsReportedTogether()
    {
        var errors = Validate(new()
        {
            ["Server:HttpPort"] = "eighty",
            ["Server:HttpsPort"] = "70000",
            ["Server:ListenAddress"] = "not an address",
            ["Resource:Id"] = "abc",
            ["Resource:AccessKey"] = "%%%",
            ["Resource:Location"] = "united states",
            ["ApiVersions:UnknownVersions"] = "Maybe",
            ["Authentication:Authority"] = "ftp://x",
            ["Authentication:ClockSkewMinutes"] = "0",
            ["Authentication:RequireHttpsMetadata"] = "yes",
            ["Tokens:SigningKeyPath"] = "/nonexistent/key.pem",
        });

        Assert.Equal(11, errors.Count);
        Assert.Contains("Server:HttpPort 'eighty' is invalid: use 0 (any free port) or 1-65535.", errors);
        Assert.Contains("Server:HttpsPort '70000' is invalid: use 0 (any free port), 1-65535, or -1 (off).", errors);
        Assert.Contains("ApiVersions:UnknownVersions 'Maybe' is invalid: use Reject or ServeLatest.", errors);
        Assert.Contains(errors, e => e.StartsWith("Resource:Id 'abc' is invalid", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Resource:AccessKey is invalid", StringComparison.Ordinal) && !e.Contains("%%%", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Tokens:SigningKeyPath '/nonexistent/key.pem' is invalid: no such file.", StringComparison.Ordinal));
    }

    [Fact]
    public void DefaultsAndGoodValues_AreValid()
    {
        Assert.Empty(Validate([]));
        Assert.Empty(Validate(new()
        {
            ["Server:HttpPort"] = "0",
            ["Server:HttpsPort"] = "-1",
            ["Server:ListenAddress"] = "0.0.0.0",
            ["Resource:Id"] = Guid.NewGuid().ToString(),
            ["Resource:AccessKey"] = Convert.ToBase64String(new byte[64]),
            ["ApiVersions:UnknownVersions"] = "servelatest",
        }));
    }

    [Fact]
    public void Create_WithInvalidCommandLine_ThrowsWithEveryError()
    {
        var ex = Assert.Throws<EmulatorConfigurationException>(() => EmulatorApp.Create(["--port", "x", "--resource-id", "y", "--data-dir", "none"]));

        Assert.Equal(2, ex.Errors.Count);
        Assert.Contains("Server:HttpPort 'x'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Resource:Id 'y'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WithInvalidSettings_ExitsWith2()
    {
        var exitCode = await EmulatorApp.RunAsync(["--port", "-3", "--data-dir", "none"]);

        Assert.Equal(2, exitCode);
    }

    [Fact]
    public void DataDirectory_KeepsGeneratedKeyResourceAndCertificateAcrossStarts()
    {
        var dir = Directory.CreateTempSubdirectory("emulator-data-").FullName;
        try
        {
            string Snapshot()
            {
                using var app = EmulatorApp.Create(["--data-dir", dir, "--port", "0", "--https-port", "0"]);
                var resource = app.Services.GetRequiredService<ResourceSettings>();
                var signing = app.Services.GetRequiredService<Emulator.Tokens.SigningKeys>();
                var https = app.Services.GetRequiredService<HttpsCertificate>();
                Assert.True(resource.AccessKeyGenerated);
                return $"{resource.ResourceId}|{resource.AccessKey}|{signing.KeyId}|{https.Certificate.Thumbprint}";
            }

            Assert.Equal(Snapshot(), Snapshot());
            Assert.True(File.Exists(Path.Combine(dir, "https.pem")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void DataDirectory_AConfiguredResourceIdDoesNotReplaceTheGeneratedOne()
    {
        var dir = Directory.CreateTempSubdirectory("emulator-data-").FullName;
        try
        {
            string ResourceId(params string[] extra)
            {
                using var app = EmulatorApp.Create(["--data-dir", dir, "--port", "0", "--https-port", "-1", .. extra]);
                return app.Services.GetRequiredService<ResourceSettings>().ResourceId;
            }

            var generated = ResourceId();
            var configured = Guid.NewGuid().ToString();

            Assert.Equal(configured, ResourceId("--resource-id", configured));
            Assert.Equal(generated, ResourceId());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
