namespace Emulator.Infrastructure;

/// <summary>
/// Every error the emulated API can answer, in one place. Rows marked "recorded" copy the live service
/// word for word (reference §4); rows marked "unverified" are our best guess and listed in the README.
/// </summary>
internal static class AcsErrors
{
    public const string ValidationError = "ValidationError";
    public const string IdentityNotOwned = "IdentityNotOwned";
    public const string IdentityNotFound = "IdentityNotFound";
    public const string InvalidAccessToken = "InvalidAccessToken";
    public const string Denied = "Denied";
    public const string UnsupportedApiVersion = "UnsupportedApiVersion";
    public const string ApiVersionUnspecified = "ApiVersionUnspecified";
    public const string InvalidApiVersion = "InvalidApiVersion";
    public const string RequestEntityTooLarge = "RequestEntityTooLarge";
    public const string AssignmentNotFound = "AssignmentNotFound";
    public const string BadRequest = "BadRequest";
    public const string TooManyRequests = "TooManyRequests";

    // ---- recorded ----

    /// <summary>Recorded: create with <c>expiresInMinutes</c> out of range (2023 message).</summary>
    public static AcsError ExpiresInMinutesOnCreate(long value) =>
        new(400, ValidationError, $"ExpiresInMinutes value {value} is invalid. Value must be within the [60, 1440] interval.", "ExpiresInMinutes");

    /// <summary>Recorded: issue with <c>expiresInMinutes</c> out of range (2022 message, no interval).</summary>
    public static AcsError ExpiresInMinutesOnIssue(long value) =>
        new(400, ValidationError, $"ExpiresInMinutes value {value} is invalid.", "ExpiresInMinutes");

    /// <summary>Recorded: issue with <c>"scopes": []</c>.</summary>
    public static AcsError ScopesEmpty() =>
        new(400, ValidationError, "Invalid scopes - Scopes field is required.", "scopes");

    /// <summary>Recorded: a required property missing or null (model binding; no api-supported-versions).</summary>
    public static AcsError Required(string pascalName) =>
        new(400, ValidationError, $"{pascalName}: The {pascalName} field is required.", pascalName, AcsErrorFamily.Binding);

    /// <summary>Recorded: an identity of another resource.</summary>
    public static AcsError NotOwned() =>
        new(401, IdentityNotOwned, "Provided identity doesn't belong to the resource.");

    /// <summary>Recorded: Teams user token invalid, empty or expired (2021-10-31-preview and later).</summary>
    public static AcsError TeamsTokenInvalid() =>
        new(401, InvalidAccessToken, "Provided access token is not valid.", Family: AcsErrorFamily.Authentication);

    /// <summary>Recorded: Teams user token invalid in 2021-03-31-preview1: 401 with an empty body.</summary>
    public static AcsError TeamsTokenInvalidEmptyBody() =>
        new(401, InvalidAccessToken, string.Empty, Family: AcsErrorFamily.EmptyBody);

    /// <summary>Recorded: appId not a GUID.</summary>
    public static AcsError AppIdFormat() => new(400, ValidationError, "Provided AppId has invalid format.", "appId");

    /// <summary>Recorded: userId not a GUID.</summary>
    public static AcsError UserIdFormat() => new(400, ValidationError, "Provided UserId has invalid format.", "userId");

    /// <summary>Recorded: appId differs from the token's <c>appid</c>.</summary>
    public static AcsError AppIdMismatch() => new(400, ValidationError, "AAD application is not the expected one.", "appId");

    /// <summary>Recorded: userId differs from the token's <c>oid</c>.</summary>
    public static AcsError UserIdMismatch() => new(400, ValidationError, "Provided AAD token issued for unexpected user.", "userId");

    /// <summary>Recorded (preview2 era): body hash differs from <c>x-ms-content-sha256</c>.</summary>
    public static AcsError ContentHashMismatch() =>
        new(401, Denied, "Request 'x-ms-content-sha256' differs from generated content hash.", Family: AcsErrorFamily.Authentication);

    /// <summary>Recorded: unsupported api-version (ASP.NET API Versioning wording).</summary>
    public static AcsError UnsupportedVersion(string requestUri, string version) =>
        new(400, UnsupportedApiVersion, $"The HTTP resource that matches the request URI '{requestUri}' does not support the API version '{version}'.", Family: AcsErrorFamily.ApiVersion);

    // ---- observed on other ACS APIs, unverified for Identity ----

    /// <summary>Unverified for Identity (seen on other ACS APIs): wrong key or signature.</summary>
    public static AcsError SignatureInvalid() =>
        new(401, Denied, "Denied by the resource provider.", Family: AcsErrorFamily.Authentication);

    /// <summary>Unverified for Identity (seen on other ACS APIs): date header outside the skew window.</summary>
    public static AcsError ClockSkew(int minutes) =>
        new(401, Denied, $"The given request could not be resolved.\nThe time difference between the originating client and the server is greater than the allowed margin of {minutes} minutes.", Family: AcsErrorFamily.Authentication);

    // ---- unverified: the live answer was never observed (README "Unverified behaviour") ----

    /// <summary>Unverified: no <c>Authorization</c> header.</summary>
    public static AcsError MissingAuthorization() =>
        new(401, Denied, "Denied by the resource provider. The request has no 'Authorization' header.", Family: AcsErrorFamily.Authentication);

    /// <summary>Unverified: an <c>Authorization</c> header that is neither HMAC-SHA256 nor Bearer, or is malformed.</summary>
    public static AcsError MalformedAuthorization(string detail) =>
        new(401, Denied, $"Denied by the resource provider. {detail}", Family: AcsErrorFamily.Authentication);

    /// <summary>Unverified: a bearer token that is not a valid Entra ID token for this resource.</summary>
    public static AcsError BearerInvalid() =>
        new(401, InvalidAccessToken, "Provided access token is not valid.", Family: AcsErrorFamily.Authentication);

    /// <summary>Inferred from ASP.NET API Versioning: no api-version.</summary>
    public static AcsError VersionUnspecified() =>
        new(400, ApiVersionUnspecified, "An API version is required, but was not specified.", Family: AcsErrorFamily.ApiVersion);

    /// <summary>Inferred from ASP.NET API Versioning: an api-version that is not a version at all.</summary>
    public static AcsError VersionInvalid(string requestUri, string version) =>
        new(400, InvalidApiVersion, $"The HTTP resource that matches the request URI '{requestUri}' does not support the API version '{version}'.", Family: AcsErrorFamily.ApiVersion);

    /// <summary>Unverified: an identity id that is not <c>8:acs:&lt;resource&gt;_&lt;guid&gt;</c>.</summary>
    public static AcsError IdentityIdFormat() =>
        new(400, ValidationError, "Provided identity has invalid format.", "id");

    /// <summary>Unverified: an owned id that was never created, or was deleted.</summary>
    public static AcsError NotFound() =>
        new(404, IdentityNotFound, "Provided identity doesn't exist.");

    /// <summary>Unverified: a scope the api-version does not know.</summary>
    public static AcsError ScopeInvalid(string target, string scope) =>
        new(400, ValidationError, $"Invalid scopes - Scope '{scope}' is not supported.", target);

    /// <summary>Unverified: the body is not JSON.</summary>
    public static AcsError MalformedJson() =>
        new(400, ValidationError, "The request body is not valid JSON.", "body", AcsErrorFamily.Binding);

    /// <summary>Unverified: a property of the wrong JSON type (model binding).</summary>
    public static AcsError WrongType(string pascalName) =>
        new(400, ValidationError, $"{pascalName}: The JSON value could not be converted to the {pascalName} type.", pascalName, AcsErrorFamily.Binding);

    /// <summary>Unverified: a string or property name that is not valid Unicode (invalid UTF-8, lone surrogate escape).</summary>
    public static AcsError InvalidText(string path) =>
        new(400, ValidationError, $"{path}: The JSON value is not valid UTF-8 text (invalid byte sequence or lone surrogate).", path, AcsErrorFamily.Binding);

    /// <summary>Unverified: a request the HTTP server could not read (bad chunked framing, body over the server limit).</summary>
    public static AcsError UnreadableRequest(int status, string detail) =>
        new(status, status == 413 ? RequestEntityTooLarge : BadRequest, $"The request could not be read: {detail}", Family: AcsErrorFamily.Binding);

    /// <summary>Unverified: customId empty or over 256 characters.</summary>
    public static AcsError CustomIdLength() =>
        new(400, ValidationError, "CustomId must be between 1 and 256 characters long.", "customId");

    /// <summary>Unverified: a body larger than the emulator accepts.</summary>
    public static AcsError BodyTooLarge(long limit) =>
        new(413, RequestEntityTooLarge, $"The request body is larger than {limit} bytes.", Family: AcsErrorFamily.Binding);

    /// <summary>Unverified: principalType of a Teams-extension assignment.</summary>
    public static AcsError PrincipalTypeInvalid() =>
        new(400, ValidationError, "PrincipalType must be 'user' or 'resourceAccount'.", "principalType");

    /// <summary>Unverified: tenantId / objectId of an assignment route that is not a GUID.</summary>
    public static AcsError GuidFormat(string target) =>
        new(400, ValidationError, $"Provided {target} has invalid format.", target);

    /// <summary>Unverified: an assignment that does not exist.</summary>
    public static AcsError AssignmentMissing() =>
        new(404, AssignmentNotFound, "Assignment not found.");

    /// <summary>Unverified: tokensValidFrom (2020-07-20-preview2) missing or not a date-time.</summary>
    public static AcsError TokensValidFromInvalid() =>
        new(400, ValidationError, "TokensValidFrom: The TokensValidFrom field is required.", "TokensValidFrom", AcsErrorFamily.Binding);

    /// <summary>Unverified (never recorded): the live 429 of the published per-resource limits (<c>--throttle live</c>).</summary>
    public static AcsError Throttled(int retryAfterSeconds) =>
        new(429, TooManyRequests, $"Rate limit exceeded. Retry after {retryAfterSeconds} seconds.");

    /// <summary>Emulator only: the answer of a fault rule (<c>/emulator/faults</c>), with the status, code and message it asks for.</summary>
    public static AcsError InjectedFault(int status, string code, string message) => new(status, code, message);
}
