using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace QuantizedModels.Conformance;

/// <summary>The committed test list (data/MANIFEST.tsv, written by tools/models/bake_node_tests.py) and the hand-reviewed skips.tsv.</summary>
public static class ConformanceManifest
{
    public static string Root { get; } = typeof(ConformanceManifest).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ConformanceRoot").Value!;

    public static string DataDirectory { get; } = Path.Combine(Root, "data");

    public static IReadOnlyDictionary<string, ConformanceCase> Cases { get; } = ReadTsv(Path.Combine(DataDirectory, "MANIFEST.tsv"))
        .Select(row => new ConformanceCase(row["suite"], row["test"], row["op"], row["data"] == "copied"))
        .ToDictionary(c => c.Id);

    /// <summary>Test id to the reason the generator legitimately rejects it.</summary>
    public static IReadOnlyDictionary<string, string> Skips { get; } = ReadTsv(Path.Combine(Root, "skips.tsv"))
        .ToDictionary(row => row["test"], row => row["reason"]);

    public static string? SkipReason(string id) => Skips.TryGetValue(id, out var reason) ? reason : null;

    private static IEnumerable<Dictionary<string, string>> ReadTsv(string path)
    {
        var lines = File.ReadAllLines(path).Where(line => line.Length > 0).ToArray();
        var header = lines[0].Split('\t');
        return lines.Skip(1).Select(line =>
        {
            var cells = line.Split('\t');
            if (cells.Length != header.Length) throw new InvalidDataException($"{path}: '{line}' has {cells.Length} columns, expected {header.Length}.");
            return header.Zip(cells).ToDictionary(p => p.First, p => p.Second);
        });
    }
}
