using Emulator.TestSupport.Wire;

namespace Emulator.TestSupport.Targets;

/// <summary>A real Azure Communication Services resource from <c>COMMUNICATION_SERVICES_CONNECTION_STRING</c>.</summary>
public sealed class LiveAzureTarget : ContractTarget
{
    public const string Variable = "COMMUNICATION_SERVICES_CONNECTION_STRING";

    public override string Name => "live Azure";

    public override ValueTask InitializeAsync()
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            SkipReason = $"{Variable} is not set: the live Azure leg is skipped. Set it to a resource's connection string "
                + "(endpoint=https://<resource>.communication.azure.com/;accesskey=<key>) to run the scenarios against live Azure.";
            return ValueTask.CompletedTask;
        }

        var connectionString = ConnectionString.Parse(value);
        Endpoint = connectionString.Endpoint;
        HttpsEndpoint = Endpoint.Scheme == Uri.UriSchemeHttps ? Endpoint : null;
        AccessKey = connectionString.AccessKey;
        return ValueTask.CompletedTask;
    }
}
