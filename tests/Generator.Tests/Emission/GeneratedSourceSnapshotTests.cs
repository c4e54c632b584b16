using QuantizedModels.Generator.Tests.Reading.Tflite;
using QuantizedModels.Generator.Tests.Support;
using Xunit;

namespace QuantizedModels.Generator.Tests.Emission;

public class GeneratedSourceSnapshotTests
{
    [Fact]
    public void Mlp()
    {
        var source = CleanGeneration.Run(TestSources.ModelClass(), TestModels.Mlp()).SingleSource;

        Snapshot.Verify(source);
    }

    [Fact]
    public void CnnWithInt8WeightOnly()
    {
        var source = CleanGeneration.Run(TestSources.ModelClass($"\"{TestSources.ModelPath}\", Scheme = QuantizationScheme.Int8WeightOnly"), TestModels.Cnn()).SingleSource;

        Snapshot.Verify(source);
    }

    [Fact]
    public void CnnWithBatchNormFolded()
    {
        var source = CleanGeneration.Run(TestSources.ModelClass(), TestModels.Cnn()).SingleSource;

        // Folded and fused, BatchNorm and Relu leave no kernel call of their own behind.
        Assert.DoesNotContain("ChannelAffine", source);
        Assert.Contains("After folding and fusion: 4 layers", source);
        Snapshot.Verify(source);
    }

    [Fact]
    public void TwoInputsTwoOutputs()
    {
        var source = CleanGeneration.Run(TestSources.ModelClass(), TestModels.TwoInTwoOut()).SingleSource;

        Assert.Contains("public void Predict(global::System.ReadOnlySpan<float> input, global::System.Span<float> output)", source);
        Assert.Contains("public void Predict(global::System.ReadOnlySpan<float> a, global::System.ReadOnlySpan<float> b, global::System.Span<float> sum, global::System.Span<float> product)", source);
        Snapshot.Verify(source);
    }

    [Fact]
    public void ClassInPartialOuterClassInNestedNamespace()
    {
        const string declaration = """
            using QuantizedModels;

            namespace Outer.Inner
            {
                /// <summary>Hosts the model.</summary>
                public partial class Host
                {
                    /// <summary>A model nested in a class.</summary>
                    [QuantizedModel("Models/net.onnx")]
                    public partial class Net
                    {
                    }
                }
            }
            """;

        Snapshot.Verify(CleanGeneration.Run(declaration, TestModels.SingleRelu()).SingleSource);
    }

    [Fact]
    public void InternalClass()
    {
        const string declaration = """
            using QuantizedModels;

            namespace Demo;

            [QuantizedModel("Models/net.onnx")]
            internal partial class Net
            {
            }
            """;

        Snapshot.Verify(CleanGeneration.Run(declaration, TestModels.SingleRelu()).SingleSource);
    }

    [Fact]
    public void MicroSpeechInt8()
    {
        var source = CleanGeneration.Run(TestSources.ModelClass(), TfliteTestData.Read(TfliteTestData.MicroSpeech)).SingleSource;

        // The raw int8 overload runs the layers; the float one quantizes around it.
        Assert.Contains("public void Predict(global::System.ReadOnlySpan<sbyte> input, global::System.Span<sbyte> output)", source);
        Assert.Contains("public void Predict(global::System.ReadOnlySpan<float> input, global::System.Span<float> output)", source);
        Snapshot.Verify(source);
    }
}
