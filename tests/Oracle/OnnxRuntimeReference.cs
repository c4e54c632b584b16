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

    /// <summary>A session with the given graph optimisation level (it decides whether QDQ groups are fused into integer kernels).</summary>
    public OnnxRuntimeReference(string modelPath, GraphOptimizationLevel level)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = level };
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

    /// <summary>
    /// Runs one input per graph input, dynamic dimensions pinned to 1 as the generator pins them; outputs concatenated
    /// in graph order. uint8 inputs and outputs travel as floats.
    /// </summary>
    public float[] Run(IReadOnlyList<float[]> inputs)
    {
        var feeds = _session.InputMetadata.Select((entry, i) =>
        {
            var dims = entry.Value.Dimensions.Select(d => d < 0 ? 1 : d).ToArray();
            return entry.Value.ElementType == typeof(byte)
                ? NamedOnnxValue.CreateFromTensor(entry.Key, new DenseTensor<byte>(inputs[i].Select(v => (byte)v).ToArray(), dims))
                : NamedOnnxValue.CreateFromTensor(entry.Key, new DenseTensor<float>(inputs[i], dims));
        }).ToList();
        using var results = _session.Run(feeds);
        var byName = results.ToDictionary(r => r.Name, r => r.Value is Tensor<byte> bytes ? bytes.Select(v => (float)v).ToArray() : r.AsEnumerable<float>().ToArray());
        return _session.OutputNames.SelectMany(name => byName[name]).ToArray();
    }

    public void Dispose() => _session.Dispose();
}
