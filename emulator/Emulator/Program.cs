using Emulator.Hosting;

return await EmulatorApp.RunAsync(args);

/// <summary>
/// The entry point: the one public type of this application, so that <c>WebApplicationFactory&lt;Program&gt;</c> can host it
/// (every other type is internal).
/// </summary>
public partial class Program;
