using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Emulator.Versioning;

namespace Emulator.Faults;

/// <summary>
/// Reads a fault rule from a JSON body or a configuration section into a <see cref="FaultSpec"/>, collecting every
/// problem (unknown member, wrong type, value out of range) so that the caller can report them all at once.
/// </summary>
internal static partial class FaultSpecReader
{
    public const int MaxDelayMilliseconds = 600_000;

    private static readonly string[] TopMembers = ["id", "match", "respond", "delayMs", "abort", "times", "probability", "seed"];
    private static readonly string[] MatchMembers = ["operation", "method", "path", "apiVersion", "identity"];
    private static readonly string[] RespondMembers = ["status", "code", "message", "headers"];
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    /// <summary>Reads a rule from JSON; <paramref name="lenientNumbers"/> accepts numbers and booleans written as strings (configuration values are strings).</summary>
    public static FaultSpec? Read(JsonNode? node, List<string> errors, bool lenientNumbers = false)
    {
        if (node is not JsonObject root)
        {
            errors.Add("A fault rule must be a JSON object such as {\"match\":{\"method\":\"POST\",\"path\":\"/identities\"},\"respond\":{\"status\":503},\"times\":1}.");
            return null;
        }

        var spec = new FaultSpec();
        var before = errors.Count;
        Unknown(root, TopMembers, string.Empty, errors);
        spec.Id = Text(root, "id", errors);
        if (spec.Id is not null && !IdPattern().IsMatch(spec.Id))
        {
            errors.Add($"id '{spec.Id}' is invalid: use 1-64 letters, digits, '-', '_' or '.'.");
        }

        if (Member(root, "match") is { } matchNode)
        {
            if (matchNode is JsonObject match)
            {
                Unknown(match, MatchMembers, "match.", errors);
                spec.Operation = Text(match, "operation", errors, "match.");
                spec.Method = Text(match, "method", errors, "match.")?.ToUpperInvariant();
                spec.Path = Text(match, "path", errors, "match.");
                spec.ApiVersion = Text(match, "apiVersion", errors, "match.");
                spec.Identity = Text(match, "identity", errors, "match.");
            }
            else
            {
                errors.Add("match must be an object with any of operation, method, path, apiVersion, identity.");
            }
        }

        if (spec.Operation is not null && (!Enum.TryParse<ApiOperation>(spec.Operation, ignoreCase: true, out var operation) || operation == ApiOperation.None || !Enum.IsDefined(operation) || int.TryParse(spec.Operation, out _)))
        {
            errors.Add($"match.operation '{spec.Operation}' is invalid: use one of {string.Join(", ", Enum.GetNames<ApiOperation>().Where(n => n != nameof(ApiOperation.None)))}.");
        }

        if (spec.Method is not null && !Methods.Contains(spec.Method))
        {
            errors.Add($"match.method '{spec.Method}' is invalid: use one of {string.Join(", ", Methods)}.");
        }

        if (spec.Path is not null && !spec.Path.StartsWith('/'))
        {
            errors.Add($"match.path '{spec.Path}' is invalid: it must start with '/' (for example /identities or /identities/*/:issueAccessToken).");
        }

        if (Member(root, "respond") is { } respondNode)
        {
            if (respondNode is JsonObject respond)
            {
                Unknown(respond, RespondMembers, "respond.", errors);
                spec.Status = Integer(respond, "status", 400, 599, errors, lenientNumbers, "respond.");
                if (spec.Status is null && Member(respond, "status") is null)
                {
                    errors.Add("respond.status is required: an HTTP status from 400 to 599.");
                }

                spec.Code = Text(respond, "code", errors, "respond.");
                spec.Message = Text(respond, "message", errors, "respond.");
                ReadHeaders(respond, spec, errors);
            }
            else
            {
                errors.Add("respond must be an object such as {\"status\":503,\"headers\":{\"Retry-After\":\"1\"}}.");
            }
        }

        spec.DelayMilliseconds = Integer(root, "delayMs", 0, MaxDelayMilliseconds, errors, lenientNumbers) ?? 0;
        spec.Abort = Boolean(root, "abort", errors, lenientNumbers) ?? false;
        spec.Times = Integer(root, "times", 1, int.MaxValue, errors, lenientNumbers);
        spec.Seed = Integer(root, "seed", int.MinValue, int.MaxValue, errors, lenientNumbers);
        spec.Probability = Number(root, "probability", errors, lenientNumbers);
        if (spec.Probability is { } p && (double.IsNaN(p) || p <= 0 || p > 1))
        {
            errors.Add($"probability {p.ToString(CultureInfo.InvariantCulture)} is invalid: use a number greater than 0 and at most 1.");
        }

        if (spec.Abort && Member(root, "respond") is not null)
        {
            errors.Add("A rule either responds or aborts the connection, not both.");
        }

        if (!spec.Abort && Member(root, "respond") is null && spec.DelayMilliseconds == 0)
        {
            errors.Add("A rule must do something: give respond {\"status\":...}, delayMs > 0, or abort: true.");
        }

        return errors.Count == before ? spec : null;
    }

    /// <summary>Turns a configuration section (values are strings) into the JSON the reader expects.</summary>
    public static JsonNode? FromConfiguration(IConfigurationSection section)
    {
        if (section.Value is { } value)
        {
            return JsonValue.Create(value);
        }

        var result = new JsonObject();
        foreach (var child in section.GetChildren())
        {
            // Configuration keys are case-insensitive; the reader's member names are camelCase.
            var name = TopMembers.Concat(MatchMembers).Concat(RespondMembers).FirstOrDefault(m => m.Equals(child.Key, StringComparison.OrdinalIgnoreCase)) ?? child.Key;
            result[name] = FromConfiguration(child);
        }

        return result;
    }

    private static void ReadHeaders(JsonObject respond, FaultSpec spec, List<string> errors)
    {
        if (Member(respond, "headers") is not { } node)
        {
            return;
        }

        if (node is not JsonObject headers)
        {
            errors.Add("respond.headers must be an object of header names to string values, such as {\"Retry-After\":\"1\"}.");
            return;
        }

        foreach (var (name, value) in headers)
        {
            if (!HeaderNamePattern().IsMatch(name))
            {
                errors.Add($"respond.headers: '{name}' is not a valid header name.");
            }
            else if (value is JsonValue v && (v.TryGetValue<string>(out var text) || TryNumberText(v, out text)) && !text.Any(char.IsControl))
            {
                spec.Headers[name] = text;
            }
            else
            {
                errors.Add($"respond.headers.{name} must be a string (or number) without control characters.");
            }
        }
    }

    private static bool TryNumberText(JsonValue value, out string text)
    {
        text = string.Empty;
        if (value.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        text = value.ToJsonString();
        return true;
    }

    private static void Unknown(JsonObject node, string[] known, string prefix, List<string> errors)
    {
        foreach (var (name, _) in node)
        {
            if (!known.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"{prefix}{name} is not a fault rule member: use {string.Join(", ", known.Select(k => prefix + k))}.");
            }
        }
    }

    private static JsonNode? Member(JsonObject node, string name)
        => node.FirstOrDefault(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    private static string? Text(JsonObject node, string name, List<string> errors, string prefix = "")
    {
        var value = Member(node, name);
        if (value is null)
        {
            return null;
        }

        if (value is JsonValue v && v.TryGetValue<string>(out var text) && text.Length is > 0 and <= 1024)
        {
            return text;
        }

        errors.Add($"{prefix}{name} must be a non-empty string of at most 1024 characters.");
        return null;
    }

    private static int? Integer(JsonObject node, string name, int min, int max, List<string> errors, bool lenient, string prefix = "")
    {
        var value = Member(node, name);
        if (value is null)
        {
            return null;
        }

        long? number = null;
        if (value is JsonValue v)
        {
            if (v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var l))
            {
                number = l;
            }
            else if (lenient && v.TryGetValue<string>(out var s) && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
            {
                number = parsed;
            }
        }

        if (number is { } n && n >= min && n <= max)
        {
            return (int)n;
        }

        errors.Add($"{prefix}{name} must be an integer from {min} to {max}.");
        return null;
    }

    private static double? Number(JsonObject node, string name, List<string> errors, bool lenient)
    {
        var value = Member(node, name);
        if (value is null)
        {
            return null;
        }

        if (value is JsonValue v)
        {
            if (v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d))
            {
                return d;
            }

            if (lenient && v.TryGetValue<string>(out var s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                return parsed;
            }
        }

        errors.Add($"{name} must be a number greater than 0 and at most 1.");
        return null;
    }

    private static bool? Boolean(JsonObject node, string name, List<string> errors, bool lenient)
    {
        var value = Member(node, name);
        if (value is null)
        {
            return null;
        }

        if (value is JsonValue v)
        {
            if (v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            {
                return v.GetValue<bool>();
            }

            if (lenient && v.TryGetValue<string>(out var s) && bool.TryParse(s, out var parsed))
            {
                return parsed;
            }
        }

        errors.Add($"{name} must be true or false.");
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$")]
    private static partial Regex HeaderNamePattern();
}
