using System.Linq;
using Xunit;

namespace QuantizedModels.Runtime.Tests.Int8;

public class Int8TransposeTests
{
    [Fact]
    public void NchwToNhwcAndBack()
    {
        // [1, 2, 2, 3]: two channels of a 2x3 image.
        sbyte[] nchw = [1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 50, 60];
        var nhwc = new sbyte[12];
        var back = new sbyte[12];

        Int8Transpose.Run(nchw, nhwc, [1, 2, 2, 3], [0, 2, 3, 1]);
        Int8Transpose.Run(nhwc, back, [1, 2, 3, 2], [0, 3, 1, 2]);

        Assert.Equal(new sbyte[] { 1, 10, 2, 20, 3, 30, 4, 40, 5, 50, 6, 60 }, nhwc);
        Assert.Equal(nchw, back);
    }

    [Fact]
    public void EveryPermutationMovesEachElementToItsPlace()
    {
        int[] shape = [2, 3, 4, 5];
        var x = Enumerable.Range(0, 120).Select(i => (sbyte)(i - 60)).ToArray();
        foreach (var perm in Permutations([0, 1, 2, 3]))
        {
            var y = new sbyte[120];
            Int8Transpose.Run(x, y, shape, perm);
            int[] outShape = [shape[perm[0]], shape[perm[1]], shape[perm[2]], shape[perm[3]]];
            for (var i = 0; i < 120; i++)
            {
                int[] index = [i / (outShape[1] * outShape[2] * outShape[3]), i / (outShape[2] * outShape[3]) % outShape[1], i / outShape[3] % outShape[2], i % outShape[3]];
                var source = new int[4];
                for (var d = 0; d < 4; d++) source[perm[d]] = index[d];
                Assert.Equal(x[((source[0] * shape[1] + source[1]) * shape[2] + source[2]) * shape[3] + source[3]], y[i]);
            }
        }
    }

    private static int[][] Permutations(int[] items) => items.Length == 1
        ? [items]
        : items.SelectMany(first => Permutations(items.Where(i => i != first).ToArray()).Select(rest => new[] { first }.Concat(rest).ToArray())).ToArray();
}
