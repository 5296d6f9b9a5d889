using System.Globalization;

namespace Emulator.Journal;

/// <summary>The journal's <c>status</c> filter: an exact code (<c>401</c>) or a class (<c>4xx</c>).</summary>
internal readonly record struct StatusFilter(int Low, int High)
{
    public bool Matches(int status) => status >= Low && status <= High;

    public static StatusFilter TryParse(string? value, List<string> problems)
    {
        if (value is null)
        {
            return new StatusFilter(0, int.MaxValue);
        }

        if (value.Length == 3 && value[0] is >= '1' and <= '5' && value.EndsWith("xx", StringComparison.OrdinalIgnoreCase))
        {
            var low = (value[0] - '0') * 100;
            return new StatusFilter(low, low + 99);
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var exact) && exact is >= 100 and <= 599)
        {
            return new StatusFilter(exact, exact);
        }

        problems.Add("status must be an HTTP status (401) or a class (4xx).");
        return default;
    }
}
