using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Reading.Npy;

/// <summary>A float array read from a NumPy <c>.npy</c> file: its shape and its elements in C order.</summary>
internal sealed record NpyArray(long[] Shape, float[] Data);

/// <summary>
/// Reads NumPy's <c>.npy</c> format (versions 1 to 3): the magic string, a Python dict literal giving
/// <c>descr</c>, <c>fortran_order</c> and <c>shape</c>, then the raw elements. Little-endian float32, float64 and
/// float16 are accepted (the latter two converted to float32); anything else, or any damage, is a clear error.
/// </summary>
internal static class NpyReader
{
    /// <summary>The largest array accepted, so a damaged shape cannot make the build allocate without bound.</summary>
    private const long MaxBytes = 1L << 30;

    private static readonly byte[] Magic = { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' };
    private static readonly Regex Descr = new(@"'descr'\s*:\s*'([^']*)'", RegexOptions.CultureInvariant);
    private static readonly Regex FortranOrder = new(@"'fortran_order'\s*:\s*(True|False)", RegexOptions.CultureInvariant);
    private static readonly Regex ShapeTuple = new(@"'shape'\s*:\s*\(([^)]*)\)", RegexOptions.CultureInvariant);

    /// <exception cref="ModelException">The file is not a readable float .npy array; the message says why.</exception>
    public static NpyArray Read(byte[] file, string describe)
    {
        if (file.Length < 10 || !HasMagic(file))
        {
            throw new ModelException($"{describe} is not a NumPy .npy file (it does not start with \\x93NUMPY).");
        }

        var major = file[6];
        var (headerLength, headerStart) = major switch
        {
            1 => (BitConverter.ToUInt16(file, 8), 10),
            2 or 3 when file.Length >= 12 => ((long)BitConverter.ToUInt32(file, 8), 12),
            _ => throw new ModelException($"{describe} is .npy format version {major}.{file[7]}; versions 1 to 3 are supported."),
        };

        if (headerStart + headerLength > file.Length)
        {
            throw new ModelException($"{describe} is truncated: its header claims {headerLength} bytes but the file has {file.Length - headerStart} after the preamble.");
        }

        var header = (major == 3 ? Encoding.UTF8 : Encoding.ASCII).GetString(file, headerStart, (int)headerLength);
        var descr = Match(Descr, header, "descr", describe);
        if (Match(FortranOrder, header, "fortran_order", describe) == "True")
        {
            throw new ModelException($"{describe} stores its array in Fortran (column-major) order; save it in C order (numpy.ascontiguousarray).");
        }

        var shape = ParseShape(Match(ShapeTuple, header, "shape", describe), describe);
        var elementSize = descr switch
        {
            "<f4" => 4,
            "<f8" => 8,
            "<f2" => 2,
            _ => throw new ModelException($"{describe} holds elements of type '{descr}'; calibration data must be little-endian float32 ('<f4'), float64 or float16."),
        };

        var count = ElementCount(shape, elementSize, describe);
        var dataStart = headerStart + (int)headerLength;
        if (file.Length - dataStart != count * elementSize)
        {
            throw new ModelException($"{describe} has {file.Length - dataStart} bytes of data, but shape {Graph.Shape.Format(shape)} of '{descr}' needs {count * elementSize}.");
        }

        return new NpyArray(shape, Convert(file, dataStart, (int)count, elementSize));
    }

    private static bool HasMagic(byte[] file)
    {
        for (var i = 0; i < Magic.Length; i++)
        {
            if (file[i] != Magic[i]) return false;
        }

        return true;
    }

    private static string Match(Regex pattern, string header, string key, string describe)
    {
        var match = pattern.Match(header);
        return match.Success ? match.Groups[1].Value : throw new ModelException($"{describe} has a header without a readable '{key}' entry: {header.Trim()}");
    }

    private static long[] ParseShape(string tuple, string describe)
    {
        var dims = new List<long>();
        foreach (var part in tuple.Split(','))
        {
            var text = part.Trim();
            if (text.Length == 0) continue;
            if (!long.TryParse(text.TrimEnd('L'), NumberStyles.None, CultureInfo.InvariantCulture, out var d))
            {
                throw new ModelException($"{describe} has shape ({tuple}), which is not a tuple of sizes.");
            }

            dims.Add(d);
        }

        return dims.ToArray();
    }

    private static long ElementCount(long[] shape, int elementSize, string describe)
    {
        long count = 1;
        foreach (var d in shape)
        {
            if (d != 0 && count > MaxBytes / elementSize / d)
            {
                throw new ModelException($"{describe} has shape {Graph.Shape.Format(shape)}, more than the 1 GiB an array may hold.");
            }

            count *= d;
        }

        return count;
    }

    private static float[] Convert(byte[] file, int start, int count, int elementSize)
    {
        var data = new float[count];
        switch (elementSize)
        {
            case 4:
                Buffer.BlockCopy(file, start, data, 0, count * 4);
                break;
            case 8:
                for (var i = 0; i < count; i++) data[i] = (float)BitConverter.ToDouble(file, start + i * 8);
                break;
            default:
                for (var i = 0; i < count; i++) data[i] = HalfBits.ToSingle(BitConverter.ToUInt16(file, start + i * 2));
                break;
        }

        return data;
    }
}
