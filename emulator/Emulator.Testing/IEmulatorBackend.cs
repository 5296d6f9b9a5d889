using System.Security.Cryptography.X509Certificates;

namespace Emulator.Testing;

/// <summary>What <see cref="AcsIdentityEmulator"/> needs from where the emulator runs: in-process or a native child process.</summary>
internal interface IEmulatorBackend : IAsyncDisposable
{
    X509Certificate2? Certificate { get; }

    string? CertificatePem { get; }

    DateTimeOffset Now { get; }

    TimeSpan ClockOffset { get; }

    IServiceProvider Services { get; }

    void Reset();

    ValueTask ResetAsync();

    void AdvanceClock(TimeSpan by);

    void SetClockOffset(TimeSpan offset);

    TokenValidationResult ValidateToken(string token);
}
