using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using QuantizedModels.Generator.Diagnostics;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Passes;

/// <summary>
/// Gives named symbolic input dimensions the sizes of the attribute's <c>FreeDimensions</c> ("M=4, K=8"), as ONNX
/// Runtime's <c>SessionOptions.AddFreeDimensionOverrideByName</c> does. Runs before shape propagation, which then
/// pins a leftover leading batch dimension to 1 and refuses any other symbolic one.
/// </summary>
internal static class FreeDimensionOverrides
{
    public static void Apply(ModelGraph graph, string overrides)
    {
        var sizes = Parse(overrides);
        if (sizes.Count == 0) return;
        var declared = new HashSet<string>();
        foreach (var value in graph.Inputs.Select(graph.GetValue).Where(v => v.Dims is not null && v.DimNames is not null))
        {
            for (var i = 0; i < value.Dims!.Length; i++)
            {
                if (value.Dims[i] >= 0 || value.DimNames![i] is not { } name) continue;
                declared.Add(name);
                if (sizes.TryGetValue(name, out var size)) value.Dims[i] = size;
            }
        }

        var unknown = sizes.Keys.Where(name => !declared.Contains(name)).ToList();
        if (unknown.Count > 0)
        {
            var known = declared.Count == 0 ? "the inputs declare none" : "the inputs declare " + string.Join(", ", declared.OrderBy(n => n, System.StringComparer.Ordinal).Select(n => $"'{n}'"));
            throw new ModelException($"FreeDimensions names {string.Join(", ", unknown.Select(n => $"'{n}'"))}, which no graph input has as a symbolic dimension; {known}.", DiagnosticIds.DynamicDimension);
        }
    }

    /// <summary>"name=size" entries separated by commas; sizes are positive 32-bit integers and each name appears once.</summary>
    private static Dictionary<string, long> Parse(string overrides)
    {
        var sizes = new Dictionary<string, long>(System.StringComparer.Ordinal);
        foreach (var entry in overrides.Split(',').Select(e => e.Trim()).Where(e => e.Length > 0))
        {
            var equals = entry.IndexOf('=');
            var name = equals < 0 ? "" : entry.Substring(0, equals).Trim();
            if (name.Length == 0 || !int.TryParse(entry.Substring(equals + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size <= 0)
            {
                throw new ModelException($"FreeDimensions entry '{entry}' is not name=size with a positive integer size (example: \"M=4, K=8\").", DiagnosticIds.DynamicDimension);
            }

            if (sizes.ContainsKey(name)) throw new ModelException($"FreeDimensions gives dimension '{name}' twice.", DiagnosticIds.DynamicDimension);
            sizes[name] = size;
        }

        return sizes;
    }
}
