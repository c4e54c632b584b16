using System;

namespace QuantizedModels.Runtime;

/// <summary>A unary int8 function whose build-time parameters live in the implementing struct.</summary>
internal interface IInt8Function
{
    sbyte Apply(int x);
}

/// <summary>Applies a unary int8 function to every element, through a 256-entry table when that is cheaper.</summary>
internal static class Int8Elementwise
{
    private const int TableSize = 256;

    public static void Run<TFunction>(ReadOnlySpan<sbyte> x, Span<sbyte> y, TFunction function) where TFunction : struct, IInt8Function
    {
        // Filling the table evaluates the function 256 times, so it only pays on longer tensors.
        if (y.Length < TableSize)
        {
            Reference(x, y, function);
            return;
        }

        Span<sbyte> table = stackalloc sbyte[TableSize];
        for (int v = sbyte.MinValue; v <= sbyte.MaxValue; v++)
        {
            table[(byte)v] = function.Apply(v);
        }

        for (int i = 0; i < y.Length; i++)
        {
            y[i] = table[(byte)x[i]];
        }
    }

    public static void Reference<TFunction>(ReadOnlySpan<sbyte> x, Span<sbyte> y, TFunction function) where TFunction : struct, IInt8Function
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = function.Apply(x[i]);
        }
    }
}
