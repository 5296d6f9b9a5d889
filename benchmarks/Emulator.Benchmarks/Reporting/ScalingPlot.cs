using System.Diagnostics;
using System.Globalization;
using System.Text;
using Emulator.Benchmarks.Suites;

namespace Emulator.Benchmarks.Reporting;

/// <summary>Writes the scaling curve as gnuplot data and script, and renders the PNG when gnuplot is installed.</summary>
public static class ScalingPlot
{
    /// <summary>Returns the PNG path, or null when gnuplot is missing (the data and script are written anyway).</summary>
    public static string? Write(IReadOnlyList<ScalingLevel> levels, string directory, string mode)
    {
        var data = Path.Combine(directory, $"scaling-{mode}.dat");
        var script = Path.Combine(directory, $"scaling-{mode}.gp");
        var png = Path.Combine(directory, $"scaling-{mode}.png");
        var rows = new StringBuilder("# identities issue_rps create_rps bytes_per_identity\n");
        foreach (var l in levels)
        {
            rows.Append(CultureInfo.InvariantCulture, $"{l.Identities} {l.Issue.RequestsPerSecond:F0} {l.Create.RequestsPerSecond:F0} {l.BytesPerIdentity:F0}\n");
        }

        File.WriteAllText(data, rows.ToString());
        File.WriteAllText(script, $$"""
            set terminal pngcairo size 900,500 font ",11"
            set output '{{png}}'
            set title "ACS Identity emulator: throughput vs stored identities (c=16, {{mode}} mode)"
            set logscale x 10
            set xlabel "stored identities"
            set ylabel "requests/s"
            set y2label "bytes per identity (working set)"
            set ytics nomirror
            set y2tics
            set yrange [0:*]
            set y2range [0:*]
            set key outside bottom center horizontal
            set grid
            plot '{{data}}' using 1:2 with linespoints lw 2 title "issue token", \
                 '' using 1:3 with linespoints lw 2 title "create identity", \
                 '' using 1:4 axes x1y2 with linespoints dt 2 title "bytes/identity (right axis)"
            """);

        try
        {
            using var gnuplot = Process.Start(new ProcessStartInfo("gnuplot", [script]) { UseShellExecute = false, RedirectStandardError = true });
            if (gnuplot is null)
            {
                return null;
            }

            var error = gnuplot.StandardError.ReadToEnd();
            gnuplot.WaitForExit();
            if (gnuplot.ExitCode != 0)
            {
                Console.Error.WriteLine($"gnuplot failed ({gnuplot.ExitCode}); no PNG: {error}");
                return null;
            }

            return png;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Console.Error.WriteLine("gnuplot is not installed; wrote the plot's data and script but no PNG (benchmarks/run.sh installs gnuplot-nox).");
            return null;
        }
    }
}
