using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace QuantizedModels.TestSupport;

/// <summary>Writes a float32 array as NumPy's .npy (version 1), as numpy.save does, for calibration data in tests.</summary>
public static class NpyWriter
{
    public static byte[] Write(float[] data, params long[] shape)
    {
        var dims = string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + (shape.Length == 1 ? "," : "");
        var header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({dims}), }}";
        // numpy pads the header with spaces so the data starts on a 64-byte boundary, ending it with a newline.
        var padded = header.PadRight(((10 + header.Length + 1 + 63) / 64 * 64) - 10 - 1) + "\n";
        var text = Encoding.ASCII.GetBytes(padded);
        var bytes = new byte[10 + text.Length + data.Length * 4];
        new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }.CopyTo(bytes, 0);
        BitConverter.GetBytes((ushort)text.Length).CopyTo(bytes, 8);
        text.CopyTo(bytes, 10);
        Buffer.BlockCopy(data, 0, bytes, 10 + text.Length, data.Length * 4);
        return bytes;
    }
}
