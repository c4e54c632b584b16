using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace QuantizedModels.Oracle.LowBit;

/// <summary>The digits test split and what PyTorch gave on it, as <c>tools/models/train_lowbit_digits.py</c> wrote them.</summary>
internal static class DigitsData
{
    public const int Features = 64, Classes = 10;

    public static string PathOf(string fileName) => OracleModel.PathOf(Path.Combine("lowbit", fileName));

    public static float[] Inputs => ReadNpy<float>("digits_test_inputs.npy", "<f4");

    public static int[] Labels => ReadNpy<int>("digits_test_labels.npy", "<i4");

    /// <summary>PyTorch's logits for <paramref name="model"/> on the test split, [samples, 10].</summary>
    public static float[] PyTorchOutputs(string model) => ReadNpy<float>(model + "_outputs.npy", "<f4");

    /// <summary>How many test images PyTorch classified correctly, as the script printed it in accuracies.txt.</summary>
    public static int PyTorchCorrect(string model)
    {
        var line = File.ReadAllLines(PathOf("accuracies.txt")).Single(l => l.StartsWith(model + ":", StringComparison.Ordinal));
        return int.Parse(Regex.Match(line, @"\((\d+)/\d+\)").Groups[1].Value);
    }

    /// <summary>A C-order NumPy file of one little-endian element type (format 1.0 header), flattened.</summary>
    private static T[] ReadNpy<T>(string fileName, string descr) where T : unmanaged
    {
        var bytes = File.ReadAllBytes(PathOf(fileName));
        var headerLength = BitConverter.ToUInt16(bytes, 8);
        var header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        if (!header.Contains($"'descr': '{descr}'") || !header.Contains("'fortran_order': False")) throw new InvalidDataException($"{fileName}: unexpected header {header}");
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(bytes.AsSpan(10 + headerLength)).ToArray();
    }
}
