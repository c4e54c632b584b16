using System;
using System.Linq;

namespace QuantizedModels.Runtime.Tests;

/// <summary>Random shapes and permutations for the shape-generic kernels.</summary>
internal static class RandomShapes
{
    public static int[] RandomShape(TestData data, int minRank, int maxRank)
    {
        int rank = data.Next(minRank, maxRank);
        var shape = new int[rank];
        for (int d = 0; d < rank; d++)
        {
            shape[d] = data.Next(1, rank > 3 ? 4 : 11);
        }

        return shape;
    }

    public static int Count(int[] shape) => shape.Aggregate(1, (p, d) => p * d);

    public static string Show(int[] values) => "[" + string.Join(",", values) + "]";
}
