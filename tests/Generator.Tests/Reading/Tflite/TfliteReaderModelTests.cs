using System.Linq;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Reading.Tflite;
using Xunit;

namespace QuantizedModels.Generator.Tests.Reading.Tflite;

/// <summary>Facts of the two real int8 keyword-spotting models, as listed in the shared data README.</summary>
public class TfliteReaderModelTests
{
    [Fact]
    public void MicroSpeechHasReshapeDepthwiseFullyConnectedSoftmax()
    {
        var graph = TfliteReader.Read(TfliteTestData.Read(TfliteTestData.MicroSpeech));

        Assert.Equal(new[] { "RESHAPE", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED", "SOFTMAX" }, graph.Nodes.Select(n => n.OpType));
        Assert.All(graph.Nodes, n => Assert.Equal("tflite", n.Domain));
        Assert.Equal(3, graph.Opset("tflite"));

        var input = graph.GetValue(Assert.Single(graph.Inputs));
        AssertInt8(input, new long[] { 1, 1960 }, 0.10171568393707275f, -128);
        AssertInt8(graph.GetValue(graph.Nodes[0].Outputs[0]), new long[] { 1, 49, 40, 1 }, 0.10171568393707275f, -128);

        var depthwise = graph.Nodes[1];
        var filter = graph.GetValue(depthwise.Inputs[1]);
        Assert.True(filter.IsConstant);
        Assert.Equal(new long[] { 1, 10, 8, 8 }, filter.Constant!.Dims);
        Assert.Equal(8, filter.Quantization!.Scales.Length);
        Assert.Equal(3, filter.Quantization.Axis);
        Assert.Equal(2, depthwise.GetInt("stride_w", 0));
        Assert.Equal(2, depthwise.GetInt("stride_h", 0));
        Assert.Equal("SAME", depthwise.GetString("padding", ""));
        Assert.Equal(8, depthwise.GetInt("depth_multiplier", 0));
        Assert.Equal("RELU", depthwise.GetString("fused_activation_function", ""));
        AssertInt8(graph.GetValue(depthwise.Outputs[0]), new long[] { 1, 25, 20, 8 }, 0.08418698608875275f, -128);

        var fullyConnected = graph.Nodes[2];
        var weights = graph.GetValue(fullyConnected.Inputs[1]);
        Assert.Equal(new long[] { 4, 4000 }, weights.Constant!.Dims);
        Assert.True(weights.Quantization!.IsPerTensor);
        AssertInt8(graph.GetValue(fullyConnected.Outputs[0]), new long[] { 1, 4 }, 0.09173192083835602f, 14);

        var output = graph.GetValue(Assert.Single(graph.Outputs));
        Assert.Equal(graph.Nodes[3].Outputs[0], output.Name);
        AssertInt8(output, new long[] { 1, 4 }, 1f / 256, -128);
        Assert.Equal(1f, graph.Nodes[3].GetFloat("beta", 0));
    }

    [Fact]
    public void MlperfDsCnnHasConvFourSeparableBlocksPoolAndClassifier()
    {
        var graph = TfliteReader.Read(TfliteTestData.Read(TfliteTestData.MlperfKws));

        var separableBlocks = Enumerable.Repeat(new[] { "DEPTHWISE_CONV_2D", "CONV_2D" }, 4).SelectMany(b => b);
        var expected = new[] { "CONV_2D" }.Concat(separableBlocks).Concat(new[] { "AVERAGE_POOL_2D", "RESHAPE", "FULLY_CONNECTED", "SOFTMAX" });
        Assert.Equal(expected, graph.Nodes.Select(n => n.OpType));

        // The batch dimension is dynamic in the shape signature; shape propagation pins it to 1.
        AssertInt8(graph.GetValue(Assert.Single(graph.Inputs)), new long[] { -1, 49, 10, 1 }, 0.5847029089927673f, 83);
        AssertInt8(graph.GetValue(Assert.Single(graph.Outputs)), new long[] { -1, 12 }, 1f / 256, -128);

        var firstConv = graph.Nodes[0];
        Assert.Equal(new long[] { 64, 10, 4, 1 }, graph.GetValue(firstConv.Inputs[1]).Constant!.Dims);
        Assert.Equal(64, graph.GetValue(firstConv.Inputs[1]).Quantization!.Scales.Length);
        Assert.Equal(2, firstConv.GetInt("stride_w", 0));
        Assert.Equal(2, firstConv.GetInt("stride_h", 0));
        Assert.Equal("SAME", firstConv.GetString("padding", ""));
        Assert.All(graph.Nodes.Take(9), n => Assert.Equal("RELU", n.GetString("fused_activation_function", "")));
        Assert.All(graph.Nodes.Where(n => n.OpType == "DEPTHWISE_CONV_2D"), n => Assert.Equal(new long[] { 1, 3, 3, 64 }, graph.GetValue(n.Inputs[1]).Dims));

        var pool = graph.Nodes[9];
        Assert.Equal(25, pool.GetInt("filter_height", 0));
        Assert.Equal(5, pool.GetInt("filter_width", 0));
        Assert.Equal(new long[] { 12, 64 }, graph.GetValue(graph.Nodes[11].Inputs[1]).Dims);

        // Parameters are the weights and biases, not the reshape's target shape.
        var shapeInput = graph.Nodes[10].Inputs[1];
        var parameters = graph.Values.Values.Where(v => v.IsConstant && v.Name != shapeInput).Sum(v => v.Constant!.ElementCount);
        Assert.Equal(22_604, parameters);
    }

    private static void AssertInt8(Value value, long[] dims, float scale, long zeroPoint)
    {
        Assert.Equal(ElementType.Int8, value.Type);
        Assert.Equal(dims, value.Dims);
        Assert.Equal(scale, Assert.Single(value.Quantization!.Scales));
        Assert.Equal(zeroPoint, Assert.Single(value.Quantization.ZeroPoints));
    }
}
