using System.Text.Json;

namespace Emulator.Infrastructure;

/// <summary>
/// Reads request bodies the way the service's model binding does: absent, empty and <c>null</c> bodies are all "no
/// members"; property names match case-insensitively; a member of the wrong JSON type is a binding error. Every
/// string and property name is checked once on parsing (invalid UTF-8, lone surrogates), so reading one never throws.
/// </summary>
internal sealed class JsonRequest : IDisposable
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };
    private readonly JsonDocument? _document;

    private JsonRequest(JsonDocument? document) => _document = document;

    /// <summary>
    /// Reads <paramref name="body"/> as a JSON object; returns the error to answer when it is not one, or null. Like the
    /// <c>ReadXxx</c> methods of the request it gives, it returns errors rather than a bool, so a handler chains them with
    /// <c>??=</c> and answers the first.
    /// </summary>
    public static AcsError? Read(RequestBody body, out JsonRequest request)
    {
        request = new JsonRequest(null);
        if (body.Bytes.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.Bytes, Options);
        }
        catch (JsonException)
        {
            return AcsErrors.MalformedJson();
        }

        if (document.RootElement.ValueKind == JsonValueKind.Null)
        {
            document.Dispose();
            return null;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            return AcsErrors.MalformedJson();
        }

        if (InvalidText(document.RootElement, "$") is { } path)
        {
            document.Dispose();
            return AcsErrors.InvalidText(path);
        }

        request = new JsonRequest(document);
        return null;
    }

    /// <summary>A member's value, or null when absent or JSON null. Later duplicates win, as in System.Text.Json.</summary>
    public JsonElement? Member(string name)
    {
        if (_document is null)
        {
            return null;
        }

        JsonElement? found = null;
        foreach (var property in _document.RootElement.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                found = property.Value;
            }
        }

        return found is { ValueKind: JsonValueKind.Null } ? null : found;
    }

    public AcsError? ReadString(string name, string pascalName, out string? value)
    {
        value = null;
        if (Member(name) is not { } element)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return AcsErrors.WrongType(pascalName);
        }

        value = element.GetString();
        return null;
    }

    public AcsError? ReadInt(string name, string pascalName, out int? value)
    {
        value = null;
        if (Member(name) is not { } element)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var number))
        {
            return AcsErrors.WrongType(pascalName);
        }

        value = number;
        return null;
    }

    public AcsError? ReadStringArray(string name, string pascalName, out string[]? values)
    {
        values = null;
        if (Member(name) is not { } element)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            return AcsErrors.WrongType(pascalName);
        }

        var result = new string[element.GetArrayLength()];
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return AcsErrors.WrongType(pascalName);
            }

            result[i++] = item.GetString()!;
        }

        values = result;
        return null;
    }

    public AcsError? ReadDateTimeOffset(string name, string pascalName, out DateTimeOffset? value)
    {
        value = null;
        if (Member(name) is not { } element)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String || !element.TryGetDateTimeOffset(out var parsed))
        {
            return AcsErrors.WrongType(pascalName);
        }

        value = parsed;
        return null;
    }

    public void Dispose() => _document?.Dispose();

    /// <summary>
    /// The JSON path of the first string or property name that is not valid Unicode text, or null. JSON allows
    /// <c>"\ud800"</c> and the parser does not check UTF-8 inside strings; decoding them throws, so it is done here.
    /// Depth is bounded by <see cref="JsonDocumentOptions.MaxDepth"/>.
    /// </summary>
    public static string? InvalidText(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return IsText(element) ? null : path;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!TryName(property, out var name))
                    {
                        return path + ".<property name>";
                    }

                    if (InvalidText(property.Value, path + "." + name) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (InvalidText(item, $"{path}[{index++}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static bool IsText(JsonElement element)
    {
        try
        {
            _ = element.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool TryName(JsonProperty property, out string name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = string.Empty;
            return false;
        }
    }
}
