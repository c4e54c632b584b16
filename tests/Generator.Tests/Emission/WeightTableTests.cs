using System.Linq;
using System.Text.RegularExpressions;
using QuantizedModels.Generator.Tests.Reading.Tflite;
using QuantizedModels.Generator.Tests.Support;
using Xunit;

namespace QuantizedModels.Generator.Tests.Emission;

/// <summary>Only data the layers read is baked into the assembly: a packed layer must not also carry its plain weights.</summary>
public class WeightTableTests
{
    [Theory]
    [InlineData(TfliteTestData.MlperfKws)]
    [InlineData(TfliteTestData.MicroSpeech)]
    public void Every_baked_weight_array_is_read(string model)
    {
        var source = CleanGeneration.Run(TestSources.ModelClass(), TfliteTestData.Read(model)).SingleSource;

        var declared = Regex.Matches(source, @"ReadOnlySpan<\w+> (W\d+) =>").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(declared);
        Assert.All(declared, w => Assert.Matches(@"__QuantizedModelWeights\." + w + @"\b", source));
    }
}
