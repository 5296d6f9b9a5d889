namespace Emulator.Hosting;

/// <summary>Set once Kestrel listens and everything is loaded; the readiness endpoint and HEALTHCHECK read it.</summary>
internal sealed class Readiness
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    public void MarkReady() => _ready = true;
}
