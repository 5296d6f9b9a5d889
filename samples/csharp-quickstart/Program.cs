// The ACS access-tokens quickstart (create an identity, issue a token, refresh it, revoke, delete) with the .NET SDK,
// unchanged except that COMMUNICATION_SERVICES_CONNECTION_STRING may point at the emulator, the token itself is never
// printed, and any failure exits non-zero.
using Azure;
using Azure.Communication;
using Azure.Communication.Identity;

var connectionString = Environment.GetEnvironmentVariable("COMMUNICATION_SERVICES_CONNECTION_STRING");
if (string.IsNullOrWhiteSpace(connectionString))
{
    Console.Error.WriteLine("Set COMMUNICATION_SERVICES_CONNECTION_STRING (for the emulator: endpoint=http://localhost:8080/;accesskey=<key from the connection string the emulator prints>).");
    return 2;
}

try
{
    Console.WriteLine("Azure Communication Services - Access Tokens Quickstart");
    var client = new CommunicationIdentityClient(connectionString);

    // Create an identity.
    var identity = (await client.CreateUserAsync()).Value;
    Console.WriteLine($"Created an identity with ID: {identity.Id}");

    // Issue an access token with the VoIP scope, valid for an hour.
    var token = (await client.GetTokenAsync(identity, [CommunicationTokenScope.VoIP], TimeSpan.FromHours(1))).Value;
    Console.WriteLine($"Issued an access token with 'voip' scope that expires at {token.ExpiresOn:O} ({token.Token.Length} characters, not shown)");

    // Refresh it: ask for a new one.
    var refreshed = (await client.GetTokenAsync(identity, [CommunicationTokenScope.VoIP])).Value;
    Console.WriteLine($"Refreshed the access token; it now expires at {refreshed.ExpiresOn:O}");

    // Create an identity and a token in one request.
    var both = (await client.CreateUserAndTokenAsync([CommunicationTokenScope.Chat, CommunicationTokenScope.VoIP])).Value;
    Console.WriteLine($"Created an identity with ID {both.User.Id} and a chat+voip token that expires at {both.AccessToken.ExpiresOn:O}");

    // A client-side credential that other ACS SDKs (chat, calling) take.
    using (var credential = new CommunicationTokenCredential(refreshed.Token))
    {
        Console.WriteLine($"CommunicationTokenCredential reports expiry {(await credential.GetTokenAsync()).ExpiresOn:O}");
    }

    // Revoke the tokens, then delete the identities.
    await client.RevokeTokensAsync(identity);
    Console.WriteLine($"Successfully revoked all access tokens for identity with ID: {identity.Id}");
    await client.DeleteUserAsync(identity);
    await client.DeleteUserAsync(both.User);
    Console.WriteLine($"Deleted the identities with IDs: {identity.Id}, {both.User.Id}");
    return 0;
}
catch (RequestFailedException ex)
{
    Console.Error.WriteLine($"The service refused a request: {ex.Status} {ex.ErrorCode}: {ex.Message}");
    return 1;
}
