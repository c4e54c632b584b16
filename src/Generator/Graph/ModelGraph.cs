using System.Collections.Generic;

namespace QuantizedModels.Generator.Graph;

/// <summary>
/// The compiler's graph IR: what readers produce and every later stage reads.
/// Passes mutate it in place; it is built fresh on each generator run and never cached.
/// </summary>
internal sealed class ModelGraph
{
    public string Name { get; set; } = "";

    public string Producer { get; set; } = "";

    public long IrVersion { get; set; }

    /// <summary>Operator set version per domain ("" is the default ONNX domain).</summary>
    public Dictionary<string, long> OpsetImports { get; } = new();

    public List<Node> Nodes { get; } = new();

    public Dictionary<string, Value> Values { get; } = new();

    /// <summary>Names of runtime graph inputs, in graph order (initializers excluded).</summary>
    public List<string> Inputs { get; } = new();

    public List<string> Outputs { get; } = new();

    /// <summary>
    /// Int8 code follows ONNX Runtime's arithmetic: conv and dense layers requantize in float rounding half to even,
    /// and float inputs are quantized half to even. Otherwise TFLite's fixed-point arithmetic.
    /// </summary>
    public bool RoundsLikeOnnxRuntime { get; set; }

    /// <summary>
    /// Conv and dense weights hold int4 values (Scheme = Int4): they are stored two a byte and unpacked into int8
    /// scratch for the int8 kernels as each layer runs.
    /// </summary>
    public bool StoresInt4Weights { get; set; }

    /// <summary>Layers of an Int4 build that keep int8 weights ([QuantizedLayer] Int8), stored a byte a weight.</summary>
    public HashSet<string> Int8WeightLayers { get; } = new();

    /// <summary>Whether <paramref name="node"/>'s conv or dense weights are stored two a byte.</summary>
    public bool StoresInt4WeightsOf(Node node) => StoresInt4Weights && !Int8WeightLayers.Contains(node.Name);

    /// <summary>
    /// Every scale is a power of two (PowerOfTwoScales with TFLite rounding): conv, dense and add layers requantize
    /// with shifts alone, no multiply.
    /// </summary>
    public bool RequantizesByShifts { get; set; }

    public long Opset(string domain = "") => OpsetImports.TryGetValue(domain, out var v) ? v : 0;

    public Value GetValue(string name) => Values.TryGetValue(name, out var v) ? v : throw new ModelException($"The graph has no tensor named '{name}'.");

    public Value AddValue(Value value)
    {
        Values[value.Name] = value;
        return value;
    }
}
