using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Emulator.Tests;

/// <summary>The console access log: one line per request by default, the reason on rejections, headers redacted when verbose.</summary>
public sealed class AccessLogTests
{
    private static (WebApplicationFactory<Program> Factory, ConcurrentQueue<string> Lines) Start(EmulatorFactory emulator)
    {
        var lines = new ConcurrentQueue<string>();
        var factory = emulator.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddLogging(l => l.AddProvider(new CapturingProvider(lines)))));
        return (factory, lines);
    }

    [Fact]
    public async Task Default_OneLinePerRequest_WithTheReasonWhenRejected()
    {
        using var emulator = new EmulatorFactory();
        var (factory, lines) = Start(emulator);
        using var _ = factory;
        var signed = factory.CreateDefaultClient(new HmacSigningHandler(EmulatorFactory.AccessKey, emulator.Time, HmacSigner.DateHeader));
        await signed.CreateIdentityAsync();
        using var unsigned = await factory.CreateClient().PostJson($"/identities?api-version={Api.V2023}", "{}");

        var log = lines.ToArray();

        Assert.Contains(log, l => l.StartsWith($"POST /identities?api-version={Api.V2023} 201 ", StringComparison.Ordinal) && l.EndsWith("ms", StringComparison.Ordinal));
        Assert.Contains($"POST /identities?api-version={Api.V2023} 401 ", log.Last(l => l.Contains("401", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.EndsWith("ms Denied: No Authorization header: sign the request with the access key (HMAC-SHA256) or send an Entra ID bearer token.", log.Last(l => l.Contains("401", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.DoesNotContain(log, l => l.Contains("headers:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verbose_AddsHeaders_WithAuthorizationReducedToItsScheme()
    {
        using var emulator = new EmulatorFactory();
        emulator.Settings["Logging:AccessLog"] = "Verbose";
        var (factory, lines) = Start(emulator);
        using var _ = factory;
        string? authorization = null;
        var signed = factory.CreateDefaultClient(new HmacSigningHandler(EmulatorFactory.AccessKey, emulator.Time, HmacSigner.DateHeader)
        {
            Tamper = r =>
            {
                authorization = r.Headers.GetValues("Authorization").Single();
                r.Headers.TryAddWithoutValidation("x-api-key", "do-not-print");
                return Task.CompletedTask;
            },
        });
        await signed.CreateIdentityAsync();

        var headers = Assert.Single(lines, l => l.Contains("headers:", StringComparison.Ordinal));

        Assert.Contains("Authorization: HMAC-SHA256 [redacted]", headers, StringComparison.Ordinal);
        Assert.Contains("x-api-key: [redacted]", headers, StringComparison.Ordinal);
        Assert.Contains("x-ms-content-sha256: ", headers, StringComparison.Ordinal);
        Assert.DoesNotContain(authorization!.Split("Signature=")[1], headers, StringComparison.Ordinal);
        Assert.DoesNotContain("do-not-print", headers, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quiet_WritesNoAccessLine_ButTheJournalStillRecords()
    {
        using var emulator = new EmulatorFactory();
        emulator.Settings["Logging:AccessLog"] = "Off";
        var (factory, lines) = Start(emulator);
        using var _ = factory;
        using var response = await factory.CreateClient().GetAsync("/emulator/health/live");
        using var journal = await factory.CreateClient().GetAsync("/emulator/requests");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(lines);
        Assert.Equal(1, (await journal.JsonAsync()).GetProperty("requests").GetArrayLength());
    }

    [Theory]
    [InlineData("--quiet", "Off")]
    [InlineData("--verbose", "Verbose")]
    public void Flags_SetTheAccessLogSetting(string flag, string expected)
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder();
        Emulator.Hosting.EmulatorConfiguration.AddEmulatorCommandLine(configuration, [flag, "--port", "0"]);
        var built = configuration.Build();

        Assert.Equal(expected, built["Logging:AccessLog"]);
        Assert.Equal("0", built["Server:HttpPort"]);
    }

    private sealed class CapturingProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => categoryName == "Emulator.AccessLog" ? new Capturing(lines) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public void Dispose()
        {
        }
    }

    private sealed class Capturing(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => lines.Enqueue(formatter(state, exception));
    }
}
