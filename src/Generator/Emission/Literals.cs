using System.Globalization;

namespace QuantizedModels.Generator.Emission;

/// <summary>C# literals for values baked into generated code; culture-invariant and exact.</summary>
internal static class Literals
{
    public static string Float(float value)
    {
        if (float.IsNaN(value)) return "float.NaN";
        if (float.IsPositiveInfinity(value)) return "float.PositiveInfinity";
        if (float.IsNegativeInfinity(value)) return "float.NegativeInfinity";
        // G9 always round-trips a float32, whatever runtime hosts the compiler.
        return value.ToString("G9", CultureInfo.InvariantCulture) + "f";
    }

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "true" : "false";

    public static string String(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\r", "\\r").Replace("\n", "\\n") + "\"";

    public static string IntArray(System.Collections.Generic.IEnumerable<int> values) => "new int[] { " + string.Join(", ", System.Linq.Enumerable.Select(values, v => Int(v))) + " }";

    /// <summary>Escapes text for an XML doc comment.</summary>
    public static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
