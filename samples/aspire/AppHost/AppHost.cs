var builder = DistributedApplication.CreateBuilder(args);

var acs = builder.AddAcsIdentityEmulator("acs");

builder.AddExecutable("web", "node", Path.Combine(builder.AppHostDirectory, "..", "web"), "server.mjs")
    .WithHttpEndpoint(env: "PORT")
    .WithHttpHealthCheck("/health")
    .WithReference(acs)
    .WaitFor(acs);

builder.Build().Run();
