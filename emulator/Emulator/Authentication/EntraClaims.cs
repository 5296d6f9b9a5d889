namespace Emulator.Authentication;

/// <summary>The claims of Microsoft Entra ID tokens the emulator reads, the one place their names are spelt.</summary>
internal static class EntraClaims
{
    /// <summary>The client application (v1 tokens).</summary>
    public const string AppId = "appid";

    /// <summary>The client application (v2 tokens).</summary>
    public const string AuthorizedParty = "azp";

    /// <summary>The user's object id.</summary>
    public const string ObjectId = "oid";

    /// <summary>The user's tenant.</summary>
    public const string TenantId = "tid";

    public const string Expiry = "exp";
}
