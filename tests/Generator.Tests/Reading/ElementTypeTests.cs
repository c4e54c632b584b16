using QuantizedModels.Generator.Graph;
using Xunit;

namespace QuantizedModels.Generator.Tests.Reading;

public class TensorDataTests
{
    [Fact]
    public void Float16ElementsConvertToSingle()
    {
        // 0x3C00 = 1.0, 0xC000 = -2.0, 0x0001 = smallest subnormal 2^-24, 0x7C00 = +inf
        var data = new TensorData(ElementType.Float16, new long[] { 4 }, new byte[] { 0x00, 0x3C, 0x00, 0xC0, 0x01, 0x00, 0x00, 0x7C });
        Assert.Equal(new[] { 1f, -2f, 5.9604645e-8f, float.PositiveInfinity }, data.ToFloats());
    }
}
