namespace Emulator.TestSupport.Wire;

/// <summary>The api-versions the SDKs send (reference §1.1, §13).</summary>
public static class ApiVersion
{
    /// <summary>@azure/communication-administration 1.0.0-beta.x.</summary>
    public const string Legacy = "2020-07-20-preview2";

    public const string V2021_03_31_Preview1 = "2021-03-31-preview1";

    public const string V2021_10_31_Preview = "2021-10-31-preview";

    public const string V2021_03_07 = "2021-03-07";

    public const string V2022_06_01 = "2022-06-01";

    public const string V2022_10_01 = "2022-10-01";

    /// <summary>Default of .NET Azure.Communication.Identity 1.3.1 and JS @azure/communication-identity 1.3.1.</summary>
    public const string V2023_10_01 = "2023-10-01";

    /// <summary>customId and GET /identities/{id} (.NET 1.4.0-beta.1).</summary>
    public const string V2025_03_02_Preview = "2025-03-02-preview";
}
