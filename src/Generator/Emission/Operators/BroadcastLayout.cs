using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Emission.Operators;

/// <summary>
/// Element strides of two broadcast operands over the output shape, with adjacent dimensions merged where
/// both operands step through them the same way, so most patterns reach the kernel as 1-3 dimensions.
/// </summary>
internal static class BroadcastLayout
{
    public static (long[] Shape, long[] AStrides, long[] BStrides) Coalesce(long[] output, long[] a, long[] b)
    {
        var aStrides = Shape.BroadcastStrides(a, output);
        var bStrides = Shape.BroadcastStrides(b, output);
        var shape = new List<long>();
        var sa = new List<long>();
        var sb = new List<long>();
        for (var d = 0; d < output.Length; d++)
        {
            if (output[d] == 1) continue;
            var last = shape.Count - 1;
            if (last >= 0 && sa[last] == aStrides[d] * output[d] && sb[last] == bStrides[d] * output[d])
            {
                shape[last] *= output[d];
                sa[last] = aStrides[d];
                sb[last] = bStrides[d];
                continue;
            }

            shape.Add(output[d]);
            sa.Add(aStrides[d]);
            sb.Add(bStrides[d]);
        }

        if (shape.Count == 0)
        {
            return (new long[] { 1 }, new long[] { 0 }, new long[] { 0 });
        }

        return (shape.ToArray(), sa.ToArray(), sb.ToArray());
    }
}
