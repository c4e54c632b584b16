using Xunit;

namespace QuantizedModels.Runtime.Tests.Int8;

public class IntegerCastTests
{
    /// <summary>int32 beyond 2^24 rounds to the nearest float, ties to even; 8-bit values are exact.</summary>
    [Fact]
    public void IntegersBecomeTheNearestFloat()
    {
        int[] sums = [0, -7, 16_777_217, 16_777_219, int.MaxValue, int.MinValue];
        var y = new float[sums.Length];
        IntegerCast.ToFloat<int>(sums, y);
        Assert.Equal([0f, -7f, 16_777_216f, 16_777_220f, 2_147_483_648f, -2_147_483_648f], y);

        byte[] bytes = [0, 128, 255];
        var z = new float[bytes.Length];
        IntegerCast.ToFloat<byte>(bytes, z);
        Assert.Equal([0f, 128f, 255f], z);
    }
}
