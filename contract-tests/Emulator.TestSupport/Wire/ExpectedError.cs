namespace Emulator.TestSupport.Wire;

/// <summary>
/// An error as the service answers it, word for word. "Recorded" rows come from live exchanges (reference §4);
/// "emulator choice" rows are what the emulator answers where the live answer was never observed: the live leg
/// of the contract suite is how they get confirmed or corrected. The one home of expected error texts in the C# tests:
/// the in-process tests (Emulator.Tests) and both contract suites assert these rows.
/// </summary>
public sealed record ExpectedError(int Status, string Code, string Message, string? Target = null, bool ApiSupportedVersions = true)
{
    // ---- recorded ----
    public static ExpectedError ExpiresInMinutesOnCreate(int value) =>
        new(400, "ValidationError", $"ExpiresInMinutes value {value} is invalid. Value must be within the [60, 1440] interval.", "ExpiresInMinutes");

    public static ExpectedError ExpiresInMinutesOnIssue(int value) =>
        new(400, "ValidationError", $"ExpiresInMinutes value {value} is invalid.", "ExpiresInMinutes");

    public static readonly ExpectedError ScopesEmpty = new(400, "ValidationError", "Invalid scopes - Scopes field is required.", "scopes");

    public static readonly ExpectedError ScopesNull = new(400, "ValidationError", "Scopes: The Scopes field is required.", "Scopes", ApiSupportedVersions: false);

    public static readonly ExpectedError NotOwned = new(401, "IdentityNotOwned", "Provided identity doesn't belong to the resource.");

    public static readonly ExpectedError TeamsTokenInvalid = new(401, "InvalidAccessToken", "Provided access token is not valid.", ApiSupportedVersions: false);

    public static readonly ExpectedError AppIdRequired = new(400, "ValidationError", "AppId: The AppId field is required.", "AppId", ApiSupportedVersions: false);

    public static readonly ExpectedError UserIdRequired = new(400, "ValidationError", "UserId: The UserId field is required.", "UserId", ApiSupportedVersions: false);

    public static readonly ExpectedError AppIdFormat = new(400, "ValidationError", "Provided AppId has invalid format.", "appId");

    public static readonly ExpectedError UserIdFormat = new(400, "ValidationError", "Provided UserId has invalid format.", "userId");

    public static readonly ExpectedError AppIdMismatch = new(400, "ValidationError", "AAD application is not the expected one.", "appId");

    public static readonly ExpectedError UserIdMismatch = new(400, "ValidationError", "Provided AAD token issued for unexpected user.", "userId");

    public static readonly ExpectedError ContentHashMismatch = new(401, "Denied", "Request 'x-ms-content-sha256' differs from generated content hash.", ApiSupportedVersions: false);

    // ---- emulator choice, unverified against live Azure ----
    public static readonly ExpectedError SignatureInvalid = new(401, "Denied", "Denied by the resource provider.", ApiSupportedVersions: false);

    public static readonly ExpectedError IdentityNotFound = new(404, "IdentityNotFound", "Provided identity doesn't exist.");

    public static readonly ExpectedError IdentityIdFormat = new(400, "ValidationError", "Provided identity has invalid format.", "id");

    public static readonly ExpectedError AuthorizationMissing = new(401, "Denied", "Denied by the resource provider. The request has no 'Authorization' header.", ApiSupportedVersions: false);

    /// <summary>The wording of other ACS APIs for a date outside the ±5-minute window (reference §4.4).</summary>
    public static readonly ExpectedError DateOutsideSkew = new(401, "Denied",
        "The given request could not be resolved.\nThe time difference between the originating client and the server is greater than the allowed margin of 5 minutes.", ApiSupportedVersions: false);

    public static ExpectedError ScopeNotSupported(string scope) => new(400, "ValidationError", $"Invalid scopes - Scope '{scope}' is not supported.", "scopes");

    public static readonly ExpectedError CustomIdLength = new(400, "ValidationError", "CustomId must be between 1 and 256 characters long.", "customId");

    public static ExpectedError JsonValueType(string field) =>
        new(400, "ValidationError", $"{field}: The JSON value could not be converted to the {field} type.", field, ApiSupportedVersions: false);

    public static readonly ExpectedError BodyNotJson = new(400, "ValidationError", "The request body is not valid JSON.", "body", ApiSupportedVersions: false);

    public static readonly ExpectedError BodyTooLarge = new(413, "RequestEntityTooLarge", "The request body is larger than 65536 bytes.", ApiSupportedVersions: false);
}
