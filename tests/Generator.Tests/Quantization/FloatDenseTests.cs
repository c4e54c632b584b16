using System;
using System.Linq;
using QuantizedModels.Generator.Quantization;
using QuantizedModels.Generator.Quantization.Calibration;
using Xunit;

namespace QuantizedModels.Generator.Tests.Quantization;

/// <summary>The build-time dense layer (vector loop along the outputs) bit for bit against one dot product per output.</summary>
public class FloatDenseTests
{
    [Theory]
    [InlineData(1, 784, 128)]
    [InlineData(3, 17, 11)]
    [InlineData(2, 5, 3)]
    public void Dense_matches_a_dot_product_per_output(int rows, int depth, int width)
    {
        var random = new Random(depth);
        float Next(int i) => i % 5 == 0 ? -0f : (float)((random.NextDouble() - 0.5) * Math.Pow(2, random.Next(-20, 20)));
        var layer = new DenseLayer(rows, depth, width, Enumerable.Range(0, depth * width).Select(Next).ToArray(), Enumerable.Range(0, width).Select(Next).ToArray(), null);
        var x = Enumerable.Range(0, rows * depth).Select(Next).ToArray();

        var expected = new float[rows * width];
        for (var m = 0; m < rows; m++)
        for (var n = 0; n < width; n++)
        {
            var sum = layer.Bias[n];
            for (var k = 0; k < depth; k++) sum += x[m * depth + k] * layer.Weights[n * depth + k];
            expected[m * width + n] = sum;
        }

        Assert.Equal(Array.ConvertAll(expected, BitConverter.SingleToInt32Bits), Array.ConvertAll(new FloatDense(layer).Run(x), BitConverter.SingleToInt32Bits));
    }
}
