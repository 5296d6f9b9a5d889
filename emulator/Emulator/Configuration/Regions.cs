namespace Emulator.Configuration;

/// <summary>Maps a resource location to the token's <c>rgn</c> claim (values seen in live tokens, reference §8.1).</summary>
internal static class Regions
{
    private static readonly Dictionary<string, string> RegionByLocation = new(StringComparer.OrdinalIgnoreCase)
    {
        ["unitedstates"] = "amer",
        ["canada"] = "ca",
        ["brazil"] = "amer",
        ["australia"] = "au",
        ["asiapacific"] = "apac",
        ["japan"] = "apac",
        ["korea"] = "apac",
        ["india"] = "apac",
        ["europe"] = "emea",
        ["uk"] = "emea",
        ["france"] = "emea",
        ["germany"] = "emea",
        ["switzerland"] = "emea",
        ["norway"] = "emea",
        ["uae"] = "emea",
        ["africa"] = "emea",
    };

    /// <summary>The ACS data locations, in the casing the service uses.</summary>
    public static IEnumerable<string> KnownLocations => RegionByLocation.Keys;

    /// <summary>Whether <paramref name="location"/> is a known data location (any casing).</summary>
    public static bool IsKnown(string location) => RegionByLocation.ContainsKey(location);

    /// <summary>The <c>rgn</c> claim for a location; <c>amer</c> when the location is not known.</summary>
    public static string ForLocation(string location) => RegionByLocation.GetValueOrDefault(location, "amer");
}
