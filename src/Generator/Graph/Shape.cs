using System.Linq;

namespace QuantizedModels.Generator.Graph;

/// <summary>Helpers over dimension arrays; a dimension below zero is unknown.</summary>
internal static class Shape
{
    public static long ElementCount(long[] dims)
    {
        long count = 1;
        foreach (var d in dims)
        {
            count = checked(count * d);
        }

        return count;
    }

    public static bool IsStatic(long[]? dims) => dims is not null && dims.All(d => d >= 0);

    public static string Format(long[]? dims) => dims is null ? "[?]" : "[" + string.Join(",", dims.Select(d => d < 0 ? "?" : d.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
}
