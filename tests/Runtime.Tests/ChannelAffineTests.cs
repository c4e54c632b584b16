using Xunit;

namespace QuantizedModels.Runtime.Tests;

public class ChannelAffineTests
{
    [Fact]
    public void MatchesOracleForRowAndPlaneLayouts()
    {
        var data = new TestData(71);
        for (int trial = 0; trial < 100; trial++)
        {
            int outer = data.Next(1, 3), channels = data.Next(1, 67), inner = trial % 2 == 0 ? 1 : data.Next(1, 40);
            float[] x = data.Floats(outer * channels * inner), scale = data.Floats(channels), shift = data.Floats(channels);
            var expected = new double[x.Length];
            for (int i = 0; i < x.Length; i++)
            {
                int c = i / inner % channels;
                expected[i] = (double)x[i] * scale[c] + shift[c];
            }

            float[] y = TestData.Poisoned(x.Length);
            ChannelAffine.Run(x, y, scale, shift, outer, channels, inner);
            Accuracy.AssertClose(expected, y, $"outer={outer} channels={channels} inner={inner}");
        }
    }
}
