using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Quantization.Calibration;

/// <summary>
/// How far the int8 model is from the float one on the calibration data, measured by simulation: the float graph
/// run with per-channel int8 weights and every activation rounded to its int8 grid (fake quantization). Reports
/// top-1 agreement of the outputs and the signal-to-quantization-noise ratio of every layer's output.
/// </summary>
internal sealed record QuantizationReport(int Samples, int Agreeing, IReadOnlyList<(string Tensor, double SqnrDb)> Layers)
{
    public (string Tensor, double SqnrDb) Worst => Layers.OrderBy(l => l.SqnrDb).FirstOrDefault();

    /// <param name="overrides">Nodes kept in float32, whose weights stay float in the simulation, and layers on the int8 grid in an Int4 build.</param>
    public static QuantizationReport Measure(ModelGraph graph, float[][] samples, IReadOnlyDictionary<string, QuantizationInfo> activations, WeightGrid grid, LayerOverrides overrides, CancellationToken cancellationToken)
    {
        var exact = new FloatEvaluator(graph);
        var simulated = new FloatEvaluator(WithIntegerWeights(graph, grid, overrides));
        var layers = graph.Nodes.Select(n => n.Outputs[0]).ToArray();
        var output = graph.Outputs[0];
        var perSample = SampleParallelism.Map(samples.Length, cancellationToken, i =>
        {
            var reference = exact.Run(samples[i]);
            var quantized = simulated.Run(samples[i], (name, values) => activations.TryGetValue(name, out var q) ? FakeQuantize(values, q) : values);
            return (Energies: layers.Select(name => Energy(reference[name], quantized[name])).ToArray(), Agrees: ArgMax(reference[output]) == ArgMax(quantized[output]));
        });

        // Summed in sample order, so the decibels do not depend on which thread ran which sample.
        var signal = new double[layers.Length];
        var noise = new double[layers.Length];
        foreach (var sample in perSample)
        {
            for (var l = 0; l < layers.Length; l++)
            {
                signal[l] += sample.Energies[l].Signal;
                noise[l] += sample.Energies[l].Noise;
            }
        }

        var sqnr = layers.Select((name, l) => (name, noise[l] > 0 ? 10 * Math.Log10(signal[l] / noise[l]) : double.PositiveInfinity)).ToList();
        return new QuantizationReport(samples.Length, perSample.Count(s => s.Agrees), sqnr);
    }

    /// <summary>The float graph with each convolution's and dense layer's weights replaced by their integer values times their scales.</summary>
    private static ModelGraph WithIntegerWeights(ModelGraph graph, WeightGrid grid, LayerOverrides overrides)
    {
        var copy = Passes.GraphEdits.ShallowCopy(graph);
        foreach (var node in graph.Nodes.Where(n => n.OpType is "Conv" or "Gemm" or "MatMul" && n.HasInput(1) && !overrides.Float.Contains(n.Name)))
        {
            var weights = graph.GetValue(node.Inputs[1]);
            if (weights.Constant is null) continue;
            // Output channels lead Conv and transposed Gemm weights; MatMul and plain Gemm weights are [in, out].
            var channelsLast = node.OpType == "MatMul" || (node.OpType == "Gemm" && node.GetInt("transB", 0) == 0);
            var values = weights.Constant.ToFloats();
            var dims = weights.Dims!;
            var channels = (int)(channelsLast ? dims[dims.Length - 1] : dims[0]);
            var layerGrid = grid.ForLayer(node.Name, overrides.Int8Weights);
            var simulated = channelsLast
                ? FloatLayoutOps.TransposeMatrix(RoundTrip(FloatLayoutOps.TransposeMatrix(values, values.Length / channels, channels), channels, layerGrid), channels, values.Length / channels)
                : RoundTrip(values, channels, layerGrid);
            copy.AddValue(new Value(weights.Name, weights.Type, dims, TensorData.FromFloats(dims, simulated)));
        }

        return copy;
    }

    private static float[] RoundTrip(float[] weights, int channels, WeightGrid grid)
    {
        var depth = weights.Length / channels;
        var (values, scales) = ActivationQuantization.Weights(weights, channels, depth, grid);
        return values.Select((v, i) => v * scales[i / depth]).ToArray();
    }

    private static float[] FakeQuantize(float[] values, QuantizationInfo q)
    {
        var scale = q.Scales[0];
        var zeroPoint = q.ZeroPoints[0];
        var result = new float[values.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (float)((Math.Max(-128, Math.Min(127, Math.Round(values[i] / scale, MidpointRounding.AwayFromZero) + zeroPoint)) - zeroPoint) * scale);
        }

        return result;
    }

    private static (double Signal, double Noise) Energy(float[] reference, float[] quantized)
    {
        double signal = 0, noise = 0;
        for (var i = 0; i < reference.Length; i++)
        {
            signal += (double)reference[i] * reference[i];
            var error = (double)reference[i] - quantized[i];
            noise += error * error;
        }

        return (signal, noise);
    }

    private static int ArgMax(float[] values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best]) best = i;
        }

        return best;
    }
}
