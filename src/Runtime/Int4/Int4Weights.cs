using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace QuantizedModels.Runtime;

/// <summary>
/// Unpacks int4 weights stored two a byte (<see cref="Int4Packing"/>'s layout) into int8, so the int8 kernels run on
/// them unchanged: the int4 build is bit for bit the int8 build of the same int4-valued weights.
/// </summary>
public static class Int4Weights
{
    /// <summary>
    /// Writes the first <paramref name="destination"/>.Length elements of <paramref name="packed"/> as int8 and returns
    /// them, to pass straight to an int8 kernel.
    /// </summary>
    public static ReadOnlySpan<sbyte> Unpack(ReadOnlySpan<byte> packed, Span<sbyte> destination)
    {
        if (packed.Length < Int4Packing.PackedLength(destination.Length)) ThrowHelper.ThrowPackedTooShort(nameof(packed), Int4Packing.PackedLength(destination.Length), packed.Length);
        int done = Vector128.IsHardwareAccelerated ? UnpackVector128(packed, destination) : 0;
        UnpackScalar(packed, destination, done);
        return destination;
    }

    /// <summary>The reference: element i from its block's nibble, sign-extended.</summary>
    internal static void UnpackScalar(ReadOnlySpan<byte> packed, Span<sbyte> destination, int start)
    {
        const int half = Int4Packing.BlockElements / 2;
        for (int i = start; i < destination.Length; i++)
        {
            int j = i % Int4Packing.BlockElements;
            int b = packed[(i / Int4Packing.BlockElements * half) + (j % half)];
            int nibble = j < half ? b & 0xF : b >> 4;
            destination[i] = (sbyte)((nibble ^ 8) - 8);
        }
    }

    /// <summary>Whole blocks: low nibbles are (b &lt;&lt; 4) >> 4 and high nibbles b >> 4, both arithmetic on signed bytes.</summary>
    /// <returns>Elements written.</returns>
    private static int UnpackVector128(ReadOnlySpan<byte> packed, Span<sbyte> destination)
    {
        int blocks = destination.Length / Int4Packing.BlockElements;
        ref sbyte source = ref Unsafe.As<byte, sbyte>(ref MemoryMarshal.GetReference(packed));
        ref sbyte target = ref MemoryMarshal.GetReference(destination);
        for (int block = 0; block < blocks; block++)
        {
            var bytes = Vector128.LoadUnsafe(ref source, (nuint)(block * 16));
            Vector128.ShiftRightArithmetic(Vector128.ShiftLeft(bytes, 4), 4).StoreUnsafe(ref target, (nuint)(block * 32));
            Vector128.ShiftRightArithmetic(bytes, 4).StoreUnsafe(ref target, (nuint)((block * 32) + 16));
        }

        return blocks * Int4Packing.BlockElements;
    }
}
