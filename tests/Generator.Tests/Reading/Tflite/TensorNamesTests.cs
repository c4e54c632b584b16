using QuantizedModels.Generator.Reading.Tflite;
using Xunit;

namespace QuantizedModels.Generator.Tests.Reading.Tflite;

public class TensorNamesTests
{
    [Fact]
    public void RepeatedAndEmptyNamesBecomeUniqueWithoutTakingNamesUsedLater()
    {
        var unique = TensorNames.MakeUnique(new[] { "a", "a", "", "b", "a_2", "a" });

        Assert.Equal(new[] { "a", "a_3", "tensor_2", "b", "a_2", "a_4" }, unique);
    }
}
