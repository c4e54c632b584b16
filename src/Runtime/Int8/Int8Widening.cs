using System.Runtime.Intrinsics;

namespace QuantizedModels.Runtime;

/// <summary>Sign extension of 16 int8 lanes to four int32 vectors, in lane order.</summary>
internal static class Int8Widening
{
    public static (Vector128<int> Lanes0To3, Vector128<int> Lanes4To7, Vector128<int> Lanes8To11, Vector128<int> Lanes12To15)
        ToInt32(Vector128<sbyte> v)
    {
        (Vector128<short> low, Vector128<short> high) = Vector128.Widen(v);
        (Vector128<int> a, Vector128<int> b) = Vector128.Widen(low);
        (Vector128<int> c, Vector128<int> d) = Vector128.Widen(high);
        return (a, b, c, d);
    }
}
