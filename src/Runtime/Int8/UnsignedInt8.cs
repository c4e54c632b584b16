using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace QuantizedModels.Runtime;

/// <summary>
/// A uint8 value q is the int8 value q - 128 with its sign bit flipped, and a uint8 zero point z the int8 one z - 128:
/// the uint8 forms of the ONNX integer operators compute in int8, then flip every output's sign bit here.
/// </summary>
internal static class UnsignedInt8
{
    /// <summary>The same bytes as int8, for the int8 computation that fills them.</summary>
    public static Span<sbyte> AsSigned(Span<byte> values) => MemoryMarshal.Cast<byte, sbyte>(values);

    /// <summary>Turns int8 results (written through <see cref="AsSigned"/>) into the uint8 values 128 higher.</summary>
    public static void FlipSignBits(Span<byte> values)
    {
        int i = 0;
        for (; i <= values.Length - 16; i += 16)
        {
            (Vector128.Create((ReadOnlySpan<byte>)values.Slice(i, 16)) ^ Vector128.Create((byte)0x80)).CopyTo(values.Slice(i));
        }

        for (; i < values.Length; i++)
        {
            values[i] ^= 0x80;
        }
    }
}
