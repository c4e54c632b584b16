using System;
using System.IO;

namespace QuantizedModels.Oracle;

/// <summary>The committed int8 test vectors under Tflite/ (Tflite/README.md).</summary>
public static class TfliteTestVectors
{
    public static string Directory { get; } = Path.GetFullPath(Path.Combine(OracleModel.Directory, "..", "Tflite"));

    public static sbyte[] ReadInt8(string fileName) => (sbyte[])(Array)File.ReadAllBytes(Path.Combine(Directory, fileName));
}
