namespace Emulator.ContractTests.Scenarios;

/// <summary>A Teams user's Entra token with the application (client) id and user object id it was issued for.</summary>
public sealed record TeamsUserToken(string Token, string AppId, string UserId, DateTimeOffset? ExpiresOn)
{
    /// <summary>No token or ids in test output.</summary>
    public override string ToString() => "TeamsUserToken { *** }";
}
