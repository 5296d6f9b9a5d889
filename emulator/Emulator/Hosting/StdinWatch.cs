using Emulator.Configuration;
using Microsoft.Extensions.Options;

namespace Emulator.Hosting;

/// <summary>
/// <see cref="ServerOptions.ExitWhenStdinCloses"/>: a parent that starts the emulator with a pipe on its standard input
/// and keeps it open (the test fixture's native mode) ends it by closing the pipe, and so does the operating system when
/// the parent dies, however it dies. The emulator then stops as on Ctrl+C.
/// </summary>
internal static class StdinWatch
{
    /// <summary>When the setting is on, reads (and discards) standard input on a background thread and stops the app at its end.</summary>
    public static void StopAtEndOfInput(WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<ServerOptions>>().Value.ExitWhenStdinCloses)
        {
            return;
        }

        var lifetime = app.Lifetime;
        var thread = new Thread(() => ReadToEnd(lifetime)) { IsBackground = true, Name = "stdin watch" };
        thread.Start();
    }

    private static void ReadToEnd(IHostApplicationLifetime lifetime)
    {
        var buffer = new byte[256];
        try
        {
            using var input = Console.OpenStandardInput();
            while (input.Read(buffer, 0, buffer.Length) > 0)
            {
                // Anything the parent writes is ignored: only the end of the stream means something.
            }
        }
        catch (IOException)
        {
            // A broken pipe is an end of input too.
        }

        lifetime.StopApplication();
    }
}
