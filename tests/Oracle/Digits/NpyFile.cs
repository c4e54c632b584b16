using System;
using System.IO;
using System.Text;

namespace QuantizedModels.Oracle.Digits;

/// <summary>Reads the little-endian float32 and int64 .npy files <c>tools/models/train_digits.py</c> writes (format 1.0, C order).</summary>
public static class NpyFile
{
    public static float[] ReadFloats(string path) => Read(path, "<f4", sizeof(float), (bytes, i) => BitConverter.ToSingle(bytes, i));

    public static long[] ReadInt64s(string path) => Read(path, "<i8", sizeof(long), (bytes, i) => BitConverter.ToInt64(bytes, i));

    private static T[] Read<T>(string path, string type, int size, Func<byte[], int, T> element)
    {
        var bytes = File.ReadAllBytes(path);
        var headerLength = BitConverter.ToUInt16(bytes, 8);
        var header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        if (bytes[6] != 1 || !header.Contains($"'descr': '{type}'", StringComparison.Ordinal) || header.Contains("'fortran_order': True", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: expected a format 1.0, C-order {type} array, found header {header}");
        }

        var start = 10 + headerLength;
        var values = new T[(bytes.Length - start) / size];
        for (var i = 0; i < values.Length; i++) values[i] = element(bytes, start + i * size);
        return values;
    }
}
