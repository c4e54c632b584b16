using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace QuantizedModels.Runtime;

/// <summary>
/// Writes calibration data for <c>Scheme = QuantizationScheme.Int8</c>: representative model inputs as a NumPy
/// <c>.npy</c> float32 array of shape [samples, ...sample shape], the format the attribute's CalibrationData reads.
/// Lets an application save what its own front end produces, without Python.
/// </summary>
public static class CalibrationFile
{
    private const int HeaderAlignment = 64;

    /// <summary>Writes <paramref name="samples"/> samples of <paramref name="sampleShape"/> each, concatenated in <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">The data length is not samples x the sample shape's element count.</exception>
    public static void Write(Stream destination, ReadOnlySpan<float> data, int samples, ReadOnlySpan<int> sampleShape)
    {
        ArgumentNullException.ThrowIfNull(destination);
        long perSample = 1;
        var dims = new StringBuilder(samples.ToString(CultureInfo.InvariantCulture));
        foreach (var d in sampleShape)
        {
            perSample *= d;
            dims.Append(", ").Append(d.ToString(CultureInfo.InvariantCulture));
        }

        if (samples < 0 || perSample < 0 || data.Length != samples * perSample)
        {
            throw new ArgumentException($"{data.Length} values are not {samples} samples of {perSample}.", nameof(data));
        }

        if (sampleShape.Length == 0) dims.Append(',');
        // numpy pads the header with spaces so the data starts on a 64-byte boundary, and ends it with a newline.
        var header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({dims}), }}";
        var headerLength = ((10 + header.Length + 1 + HeaderAlignment - 1) / HeaderAlignment * HeaderAlignment) - 10;
        var text = Encoding.ASCII.GetBytes(header.PadRight(headerLength - 1) + "\n");
        Span<byte> preamble = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)text.Length, (byte)(text.Length >> 8)];
        destination.Write(preamble);
        destination.Write(text);
        destination.Write(MemoryMarshal.AsBytes(data));
    }
}
