using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace QuantizedModels.Oracle;

/// <summary>ONNX Runtime (CPU, default optimisations unless told otherwise) running the same model file: the oracle.</summary>
public sealed class OnnxRuntimeReference : IDisposable
{
    private readonly InferenceSession _session;

    public OnnxRuntimeReference(string modelPath) => _session = new InferenceSession(modelPath);

    private readonly IReadOnlyDictionary<string, int> _freeDimensions = new Dictionary<string, int>();

    /// <summary>
    /// A session with the given graph optimisation level (it decides whether QDQ groups are fused into integer kernels)
    /// and sizes for named symbolic dimensions (ONNX Runtime's free dimension overrides, the attribute's FreeDimensions).
    /// </summary>
    public OnnxRuntimeReference(string modelPath, GraphOptimizationLevel level, IReadOnlyDictionary<string, int>? freeDimensions = null)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = level };
        foreach (var (name, size) in freeDimensions ?? _freeDimensions) options.AddFreeDimensionOverrideByName(name, size);
        _freeDimensions = freeDimensions ?? _freeDimensions;
        _session = new InferenceSession(modelPath, options);
    }

    /// <summary>A session on model bytes held in memory, with the given graph optimisation level.</summary>
    public OnnxRuntimeReference(byte[] model, GraphOptimizationLevel level)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = level };
        _session = new InferenceSession(model, options);
    }

    /// <summary>Whether graph input <paramref name="index"/> is uint8 (its values are then given as floats 0 to 255).</summary>
    public bool IsByteInput(int index) => _session.InputMetadata.Values.ElementAt(index).ElementType == typeof(byte);

    /// <summary>Whether graph input <paramref name="index"/> is int8 (its values are then given as floats -128 to 127).</summary>
    public bool IsSignedByteInput(int index) => _session.InputMetadata.Values.ElementAt(index).ElementType == typeof(sbyte);

    /// <summary>The element count of graph input <paramref name="index"/> once its dynamic dimensions are pinned.</summary>
    public int InputLength(int index) => Dimensions(_session.InputMetadata.Values.ElementAt(index)).Aggregate(1, (a, b) => a * b);

    /// <summary>The element count of graph output <paramref name="index"/>, its dynamic dimensions pinned as the inputs' are.</summary>
    public int OutputLength(int index) => Dimensions(_session.OutputMetadata.Values.ElementAt(index)).Aggregate(1, (a, b) => a * b);

    /// <summary>
    /// Runs one input per graph input, named dynamic dimensions given their overrides and the others pinned to 1 as
    /// the generator pins them; outputs concatenated in graph order. 8-bit inputs and outputs travel as floats.
    /// </summary>
    public float[] Run(IReadOnlyList<float[]> inputs)
    {
        var feeds = _session.InputMetadata.Select((entry, i) =>
        {
            var dims = Dimensions(entry.Value);
            return entry.Value.ElementType == typeof(byte) ? NamedOnnxValue.CreateFromTensor(entry.Key, new DenseTensor<byte>(inputs[i].Select(v => (byte)v).ToArray(), dims))
                : entry.Value.ElementType == typeof(sbyte) ? NamedOnnxValue.CreateFromTensor(entry.Key, new DenseTensor<sbyte>(inputs[i].Select(v => (sbyte)v).ToArray(), dims))
                : NamedOnnxValue.CreateFromTensor(entry.Key, new DenseTensor<float>(inputs[i], dims));
        }).ToList();
        using var results = _session.Run(feeds);
        var byName = results.ToDictionary(r => r.Name, r => r.Value is Tensor<byte> bytes ? bytes.Select(v => (float)v).ToArray() : r.AsEnumerable<float>().ToArray());
        return _session.OutputNames.SelectMany(name => byName[name]).ToArray();
    }

    private int[] Dimensions(NodeMetadata input) => input.Dimensions
        .Select((d, k) => d >= 0 ? d : _freeDimensions.TryGetValue(input.SymbolicDimensions[k], out var size) ? size : 1).ToArray();

    public void Dispose() => _session.Dispose();
}
