using Emulator.Hosting;

return await EmulatorApp.RunAsync(args);

/// <summary>Entry point; public for <c>WebApplicationFactory</c> tests.</summary>
public partial class Program;
