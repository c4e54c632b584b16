using System.Linq;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Emission.Operators.Tflite;

/// <summary>What the int8 emitters ask of a tensor: its per-tensor scale and zero point, its per-channel filter scales.</summary>
internal static class TfliteTensors
{
    public static void RequireType(EmitContext ctx, Node node, string name, ElementType type)
    {
        var actual = ctx.Graph.GetValue(name).Type;
        if (actual != type) throw EmitContext.Unsupported(node, $"tensor '{name}' is {actual.DisplayName()}; this operator is compiled for {type.DisplayName()} only");
    }

    /// <summary>The scale and zero point of a per-tensor quantized int8 activation.</summary>
    public static (float Scale, int ZeroPoint) PerTensor(EmitContext ctx, Node node, string name)
    {
        RequireType(ctx, node, name, ElementType.Int8);
        var q = ctx.Quantization(node, name);
        if (!q.IsPerTensor) throw EmitContext.Unsupported(node, $"activation '{name}' is quantized per channel; TFLite quantizes activations per tensor");
        if (!(q.Scales[0] > 0)) throw new ModelException($"Node {node.Describe()}: tensor '{name}' has scale {q.Scales[0]}; an int8 activation needs a positive scale.");
        if (q.ZeroPoints[0] is < sbyte.MinValue or > sbyte.MaxValue) throw new ModelException($"Node {node.Describe()}: tensor '{name}' has zero point {q.ZeroPoints[0]}, outside int8.");
        return (q.Scales[0], (int)q.ZeroPoints[0]);
    }

    /// <summary>Filter scales, one per output channel along <paramref name="channelAxis"/> or a single per-tensor scale; zero points must be 0.</summary>
    public static float[] FilterScales(EmitContext ctx, Node node, string name, int channelAxis)
    {
        RequireType(ctx, node, name, ElementType.Int8);
        if (!ctx.IsConstant(name)) throw EmitContext.Unsupported(node, $"its weights '{name}' must be constants");
        var q = ctx.Quantization(node, name);
        if (q.ZeroPoints.Any(z => z != 0)) throw EmitContext.Unsupported(node, $"weights '{name}' have a nonzero zero point; TFLite int8 weights are symmetric");
        if (!q.IsPerTensor && q.Axis != channelAxis) throw EmitContext.Unsupported(node, $"weights '{name}' are quantized along dimension {q.Axis}; the output channels are dimension {channelAxis}");
        return q.Scales;
    }

    /// <summary>The int32 bias expression, or <c>default</c> (an empty span) when the node has none.</summary>
    public static string Bias(EmitContext ctx, Node node, int index, long channels) =>
        BiasValue(ctx, node, index, channels) is { } bias ? ctx.ReadStored(bias.Name) : "default";

    /// <summary>The node's constant int32 bias with one entry per output channel, or null when it has none.</summary>
    private static Value? BiasValue(EmitContext ctx, Node node, int index, long channels)
    {
        if (!node.HasInput(index)) return null;
        var bias = ctx.Graph.GetValue(node.Input(index));
        RequireType(ctx, node, bias.Name, ElementType.Int32);
        if (!bias.IsConstant) throw EmitContext.Unsupported(node, $"its bias '{bias.Name}' must be a constant");
        if (bias.ElementCount != channels) throw new ModelException($"Node {node.Describe()}: bias '{bias.Name}' has {bias.ElementCount} elements for {channels} output channels.");
        return bias;
    }

    /// <summary>
    /// The weights [out][depth] and the optional int32 bias packed at build time for the packed GEMM kernels, the bias
    /// with the input offset folded in.
    /// </summary>
    /// <param name="ohwiWeights">The weights as [out, depth] when the filter tensor is in another layout; null reads it as it is.</param>
    public static (string Weights, string Bias) Packed(EmitContext ctx, Node node, int outChannels, int depth, int inputOffset, sbyte[]? ohwiWeights = null)
    {
        // Only the packed forms are baked in: the plain weights and bias are read here, never registered.
        var weights = ohwiWeights ?? (sbyte[])(System.Array)ctx.Graph.GetValue(node.Inputs[1]).Constant!.Bytes;
        var bias = new int[0];
        if (BiasValue(ctx, node, 2, outChannels) is { } biasValue)
        {
            bias = new int[outChannels];
            System.Buffer.BlockCopy(biasValue.Constant!.Bytes, 0, bias, 0, outChannels * 4);
        }

        var packedWeights = Runtime.Int8GemmPacking.PackWeights(weights, outChannels, depth);
        var packedBias = Runtime.Int8GemmPacking.PackBias(weights, bias, outChannels, depth, inputOffset);
        var weightsExpression = ctx.Graph.StoresInt4WeightsOf(node)
            ? ctx.Int4Weights(packedWeights)
            : ctx.Weights.Add(ElementType.Int8, packedWeights.Length, (byte[])(System.Array)packedWeights);
        return (weightsExpression, ctx.Weights.Add(packedBias));
    }

    /// <summary>The <c>ReadOnlySpan&lt;sbyte&gt;</c> expression of a conv or dense layer's plain (unpacked-layout) weights.</summary>
    public static string Filter(EmitContext ctx, Node node) =>
        ctx.Graph.StoresInt4WeightsOf(node)
            ? ctx.Weights.ForValue(node.Inputs[1], () => ctx.Int4Weights((sbyte[])(System.Array)ctx.Graph.GetValue(node.Inputs[1]).Constant!.Bytes))
            : ctx.ReadStored(node.Inputs[1]);

    /// <summary>
    /// The <c>Requantization</c> argument: multipliers, shifts, output zero point and the fused activation's clamp; in a
    /// build whose scales are all powers of two, the shifts alone (shift-only requantization).
    /// </summary>
    public static string Requantization(EmitContext ctx, Node node, Quantization.TfliteQuantization.Multipliers multipliers, int outputZeroPoint, (int Min, int Max) range) =>
        ctx.Graph.RequantizesByShifts
            ? $"{EmitContext.Runtime}.Requantization.PowerOfTwo({ctx.Weights.Add(Quantization.PowerOfTwoScales.Shifts(multipliers.Values, multipliers.Shifts, $"Node {node.Describe()}"))}, {outputZeroPoint}, {range.Min}, {range.Max})"
            : $"new {EmitContext.Runtime}.Requantization({ctx.Weights.Add(multipliers.Values)}, {ctx.Weights.Add(multipliers.Shifts)}, {outputZeroPoint}, {range.Min}, {range.Max})";

    /// <summary>
    /// The <c>Requantization</c> argument in ONNX Runtime's float form: one float scale per output channel (or one), the
    /// output zero point and the fused activation's clamp.
    /// </summary>
    public static string FloatRequantization(EmitContext ctx, float inputScale, float[] filterScales, float outputScale, int outputZeroPoint, (int Min, int Max) range) =>
        $"new {EmitContext.Runtime}.Requantization({ctx.Weights.Add(Quantization.OnnxRuntimeQuantization.RequantizationScales(inputScale, filterScales, outputScale))}, {outputZeroPoint}, {range.Min}, {range.Max})";

    public static string FusedActivation(Node node) => node.GetString("fused_activation_function", "NONE");
}
