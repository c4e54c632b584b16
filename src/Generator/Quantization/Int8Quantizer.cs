using System.Collections.Generic;
using System.Linq;
using System.Threading;
using QuantizedModels.Generator.Diagnostics;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Pipeline;
using QuantizedModels.Generator.Quantization.Calibration;
using QuantizedModels.Generator.Reading.Npy;

namespace QuantizedModels.Generator.Quantization;

/// <summary>
/// Static int8 quantization at build time: runs the float graph on the calibration samples, picks every
/// activation's range with the chosen method, and lowers the graph to integer operators.
/// </summary>
internal static class Int8Quantizer
{
    /// <returns>The integer graph, and how far it is from the float one on the calibration data.</returns>
    /// <param name="overrides">Nodes kept in float32 (mixed precision) and layers keeping int8 weights in an Int4 build.</param>
    public static (ModelGraph Graph, QuantizationReport Report) Quantize(ModelGraph graph, NpyArray calibration, QuantizationOptions options, LayerOverrides overrides, CancellationToken cancellationToken)
    {
        if (graph.Inputs.Count != 1 || graph.Outputs.Count != 1)
        {
            throw new ModelException("int8 build-time quantization handles models with one input and one output in this version.", DiagnosticIds.UnsupportedModel);
        }

        var samples = Samples(graph, calibration);
        var evaluator = new FloatEvaluator(graph);
        var statistics = new[] { graph.Inputs[0] }.Concat(graph.Nodes.Select(n => n.Outputs[0])).ToDictionary(n => n, _ => new TensorStatistics());
        Collect(evaluator, samples, statistics, (s, v) => s.AddRange(v), cancellationToken);
        foreach (var entry in statistics.Where(e => float.IsInfinity(e.Value.Min) || float.IsInfinity(e.Value.Max)))
        {
            throw new ModelException($"Tensor '{entry.Key}' reaches {(float.IsInfinity(entry.Value.Max) ? entry.Value.Max : entry.Value.Min)} on the calibration data, which has no int8 range.", DiagnosticIds.CalibrationData);
        }

        if (RangeEstimator.NeedsHistograms(options.Method))
        {
            Collect(evaluator, samples, statistics, (s, v) => s.AddHistogram(v), cancellationToken);
        }

        var activations = new Dictionary<string, QuantizationInfo>();
        foreach (var entry in statistics)
        {
            // The model's outputs keep their whole range: clipping a classifier's largest score changes its answer.
            var method = graph.Outputs.Contains(entry.Key) ? RangeEstimator.MinMax : options.Method;
            var (low, high) = RangeEstimator.Estimate(entry.Value, method, options.Percentile);
            activations[entry.Key] = ActivationQuantization.ForRange(low, high, options.PowerOfTwoScales);
        }

        var lowered = Int8Lowering.Lower(graph, activations, options.WeightGrid, overrides.Float, overrides.Int8Weights);
        cancellationToken.ThrowIfCancellationRequested();
        return (lowered, QuantizationReport.Measure(graph, samples, Effective(graph, lowered), options.WeightGrid, overrides, cancellationToken));
    }

    /// <summary>The quantization each float tensor got in the integer graph (fixed outputs and pooling included), by source name.</summary>
    internal static Dictionary<string, QuantizationInfo> Effective(ModelGraph graph, ModelGraph lowered)
    {
        var result = new Dictionary<string, QuantizationInfo>();
        foreach (var name in graph.Inputs.Concat(graph.Nodes.Select(n => n.Outputs[0])))
        {
            if (lowered.Values.TryGetValue(name, out var value) && value.Quantization is { } q) result[name] = q;
        }

        return result;
    }

    /// <summary>The .npy array cut into samples of the model input's size: [samples, ...] with the input's element count per sample.</summary>
    internal static float[][] Samples(ModelGraph graph, NpyArray calibration)
    {
        var length = checked((int)graph.GetValue(graph.Inputs[0]).ElementCount);
        var count = calibration.Shape.Length == 0 ? 0 : calibration.Shape[0];
        if (count == 0 || calibration.Data.Length != count * length)
        {
            throw new ModelException($"the calibration array has shape {Shape.Format(calibration.Shape)}; it must be [samples, ...] with {length} values per sample (input '{graph.Inputs[0]}' is {Shape.Format(graph.GetValue(graph.Inputs[0]).Dims)}).", DiagnosticIds.CalibrationData);
        }

        var samples = new float[count][];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = new float[length];
            System.Array.Copy(calibration.Data, i * length, samples[i], 0, length);
        }

        return samples;
    }

    /// <summary>One pass of the float graph over the samples, on every core, each thread into its own statistics merged at the end.</summary>
    private static void Collect(FloatEvaluator evaluator, float[][] samples, Dictionary<string, TensorStatistics> statistics, System.Action<TensorStatistics, float[]> add, CancellationToken cancellationToken)
    {
        SampleParallelism.Accumulate(
            samples.Length,
            cancellationToken,
            () => statistics.ToDictionary(e => e.Key, e => e.Value.Fork()),
            (i, local) =>
            {
                foreach (var value in evaluator.Run(samples[i]))
                {
                    if (local.TryGetValue(value.Key, out var s)) add(s, value.Value);
                }
            },
            local =>
            {
                foreach (var entry in local) statistics[entry.Key].Merge(entry.Value);
            });
    }
}
