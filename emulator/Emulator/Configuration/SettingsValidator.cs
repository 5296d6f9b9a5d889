using System.Globalization;
using System.Net;

namespace Emulator.Configuration;

/// <summary>
/// Checks every setting before anything is bound or started, and reports all problems at once, each naming its
/// key and the values it accepts. Reads raw strings so that a bad number is reported, not thrown by the binder.
/// </summary>
public static class SettingsValidator
{
    public static IReadOnlyList<string> Validate(IConfiguration configuration)
    {
        var errors = new List<string>();

        CheckPort(configuration, "Server:HttpPort", allowDisabled: false, errors);
        CheckPort(configuration, "Server:HttpsPort", allowDisabled: true, errors);
        CheckInt(configuration, "Server:MaxRequestBodyBytes", 1024, 16 * 1024 * 1024, errors);
        CheckInt(configuration, "Authentication:ClockSkewMinutes", 1, 24 * 60, errors);

        var listen = configuration["Server:ListenAddress"];
        if (listen is not null && listen is not ("localhost" or "*" or "+") && !IPAddress.TryParse(listen, out _))
        {
            errors.Add($"Server:ListenAddress '{listen}' is invalid: use 'localhost', '*', '0.0.0.0', '::' or an IP address.");
        }

        var resourceId = configuration["Resource:Id"];
        if (!string.IsNullOrEmpty(resourceId) && !Guid.TryParseExact(resourceId, "D", out _))
        {
            errors.Add($"Resource:Id '{resourceId}' is invalid: use a GUID such as 2b236b8e-e9b7-4be0-8757-b43061a56d37.");
        }

        var key = configuration["Resource:AccessKey"];
        if (!string.IsNullOrEmpty(key) && !IsBase64(key))
        {
            errors.Add("Resource:AccessKey is invalid: use a non-empty base64 string (the value is not shown).");
        }

        CheckBool(configuration, "Resource:AllowCustomLocation", errors);
        var location = configuration["Resource:Location"];
        var allowCustom = bool.TryParse(configuration["Resource:AllowCustomLocation"], out var custom) && custom;
        if (location is not null && (location.Length == 0 || !location.All(char.IsAsciiLetterOrDigit)))
        {
            errors.Add($"Resource:Location '{location}' is invalid: use a location name of letters and digits such as {string.Join(", ", Regions.KnownLocations)}.");
        }
        else if (location is not null && !allowCustom && !Regions.IsKnown(location))
        {
            errors.Add($"Resource:Location '{location}' is not a known ACS data location: use one of {string.Join(", ", Regions.KnownLocations)}, or set Resource:AllowCustomLocation=true to use it anyway (its rgn claim is then amer unless Tokens:Region is set).");
        }

        var host = configuration["Resource:EndpointHost"];
        if (host is not null && Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            errors.Add($"Resource:EndpointHost '{host}' is invalid: use a host name or IP address without scheme or port.");
        }

        var policy = configuration["ApiVersions:UnknownVersions"];
        if (policy is not null && !Enum.TryParse<UnknownVersionPolicy>(policy, ignoreCase: true, out _))
        {
            errors.Add($"ApiVersions:UnknownVersions '{policy}' is invalid: use {string.Join(" or ", Enum.GetNames<UnknownVersionPolicy>())}.");
        }

        var authority = configuration["Authentication:Authority"];
        if (!string.IsNullOrEmpty(authority) && (!Uri.TryCreate(authority, UriKind.Absolute, out var authorityUri) || authorityUri.Scheme is not ("http" or "https")))
        {
            errors.Add($"Authentication:Authority '{authority}' is invalid: use an absolute http(s) URL such as https://login.microsoftonline.com/<tenant>/v2.0.");
        }

        CheckBool(configuration, "Authentication:RequireHttpsMetadata", errors);
        CheckFile(configuration, "Server:CertificatePath", errors);
        CheckFile(configuration, "Server:CertificateKeyPath", errors);
        CheckFile(configuration, "Tokens:SigningKeyPath", errors);
        return errors;
    }

    private static void CheckPort(IConfiguration configuration, string key, bool allowDisabled, List<string> errors)
    {
        var value = configuration[key];
        if (value is null)
        {
            return;
        }

        var min = allowDisabled ? -1 : 0;
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) || port < min || port > 65535)
        {
            var accepted = allowDisabled ? "0 (any free port), 1-65535, or -1 (off)" : "0 (any free port) or 1-65535";
            errors.Add($"{key} '{value}' is invalid: use {accepted}.");
        }
    }

    private static void CheckInt(IConfiguration configuration, string key, int min, int max, List<string> errors)
    {
        var value = configuration[key];
        if (value is not null && (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number < min || number > max))
        {
            errors.Add($"{key} '{value}' is invalid: use a whole number from {min} to {max}.");
        }
    }

    private static void CheckBool(IConfiguration configuration, string key, List<string> errors)
    {
        var value = configuration[key];
        if (value is not null && !bool.TryParse(value, out _))
        {
            errors.Add($"{key} '{value}' is invalid: use true or false.");
        }
    }

    private static void CheckFile(IConfiguration configuration, string key, List<string> errors)
    {
        var value = configuration[key];
        if (!string.IsNullOrEmpty(value) && !File.Exists(value))
        {
            errors.Add($"{key} '{value}' is invalid: no such file.");
        }
    }

    /// <summary>Whether <paramref name="value"/> is base64 that decodes to at least one byte, as an access key must.</summary>
    public static bool IsBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) && written > 0;
    }
}
