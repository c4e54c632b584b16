using System;
using System.Globalization;
using System.Text;

namespace QuantizedModels.Generator.Emission;

/// <summary>
/// Writes the weight table as nested static class members. ulong hex literals compile fast even at megabytes
/// (an element initializer per float or byte is far slower) and give 8-byte aligned RVA data.
/// </summary>
internal static class WeightWriter
{
    private const int ValuesPerLine = 8;

    public static void Write(SourceWriter writer, WeightTable table)
    {
        writer.OpenBlock($"private static class {WeightTable.ClassName}");
        for (var i = 0; i < table.Tensors.Count; i++)
        {
            var tensor = table.Tensors[i];
            var type = CSharpTypes.Of(tensor.Type);
            writer.WriteLine($"internal static global::System.ReadOnlySpan<{type}> W{i} => global::System.Runtime.InteropServices.MemoryMarshal.Cast<ulong, {type}>(W{i}Data).Slice(0, {tensor.Count});");
            writer.WriteLine();
            WriteData(writer, $"W{i}Data", tensor.Bytes);
            if (i + 1 < table.Tensors.Count) writer.WriteLine();
        }

        writer.CloseBlock();
    }

    /// <summary>A <c>ReadOnlySpan&lt;ulong&gt;</c> property over <paramref name="data"/>, zero-padded to whole ulongs.</summary>
    internal static void WriteData(SourceWriter writer, string name, byte[] data)
    {
        var bytes = new byte[(data.Length + 7) / 8 * 8];
        Buffer.BlockCopy(data, 0, bytes, 0, data.Length);
        writer.WriteLine($"private static global::System.ReadOnlySpan<ulong> {name} => new ulong[]");
        writer.WriteLine("{");
        var line = new StringBuilder();
        for (var offset = 0; offset < bytes.Length; offset += 8)
        {
            line.Append("0x").Append(BitConverter.ToUInt64(bytes, offset).ToString("X16", CultureInfo.InvariantCulture)).Append(',');
            if ((offset / 8) % ValuesPerLine == ValuesPerLine - 1 || offset + 8 >= bytes.Length)
            {
                writer.WriteLine("    " + line.ToString());
                line.Clear();
            }
            else
            {
                line.Append(' ');
            }
        }

        writer.WriteLine("};");
    }
}
