using System;
using System.Collections.Generic;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Quantization;

namespace QuantizedModels.Generator.Emission.Operators.Tflite;

/// <summary>FULLY_CONNECTED on int8: [batch, in] x [out, in] weights, per-tensor or per-channel.</summary>
internal static class TfliteMatrixEmitters
{
    public static void Register(Dictionary<string, Action<EmitContext, Node>> emitters)
    {
        emitters["FULLY_CONNECTED"] = FullyConnected;
    }

    private static void FullyConnected(EmitContext ctx, Node node)
    {
        if (node.GetString("weights_format", "DEFAULT") != "DEFAULT") throw EmitContext.Unsupported(node, $"weights format {node.GetString("weights_format", "")} is not supported");
        var w = ctx.Dims(node.Inputs[1]);
        if (w.Length != 2) throw EmitContext.Unsupported(node, $"its weights must have rank 2, not {w.Length}");
        var (outFeatures, inFeatures) = (w[0], w[1]);
        var count = ctx.Graph.GetValue(node.Inputs[0]).ElementCount;
        if (inFeatures == 0 || count % inFeatures != 0) throw new ModelException($"Node {node.Describe()}: the input's {count} elements are not rows of {inFeatures} features.");
        var batch = count / inFeatures;
        if (ctx.Graph.GetValue(node.Outputs[0]).ElementCount != batch * outFeatures) throw new ModelException($"Node {node.Describe()}: the output should hold {batch} x {outFeatures} elements.");

        var input = TfliteTensors.PerTensor(ctx, node, node.Inputs[0]);
        var output = TfliteTensors.PerTensor(ctx, node, node.Outputs[0]);
        var filterScales = TfliteTensors.FilterScales(ctx, node, node.Inputs[1], 0);
        if (filterScales.Length is not 1 && filterScales.Length != outFeatures) throw new ModelException($"Node {node.Describe()}: {filterScales.Length} weight scales for {outFeatures} outputs.");
        var range = TfliteQuantization.ActivationRange(TfliteTensors.FusedActivation(node), output.Scale, output.ZeroPoint);
        var requantization = ctx.Graph.RoundsLikeOnnxRuntime
            ? TfliteTensors.FloatRequantization(ctx, input.Scale, filterScales, output.Scale, output.ZeroPoint, range)
            : TfliteTensors.Requantization(ctx, node, filterScales.Length == 1
                ? TfliteQuantization.FullyConnectedPerTensor(input.Scale, filterScales[0], output.Scale)
                : TfliteQuantization.PerChannel(input.Scale, filterScales, output.Scale), output.ZeroPoint, range);
        if (UsesPackedGemm(outFeatures))
        {
            var (packedWeights, packedBias) = TfliteTensors.Packed(ctx, node, (int)outFeatures, (int)inFeatures, -input.ZeroPoint);
            ctx.Writer.WriteLine($"{EmitContext.Runtime}.Int8PackedGemm.Run({ctx.ReadStored(node.Inputs[0])}, {packedWeights}, {packedBias}, {ctx.Write(node.Outputs[0])}, {batch}, {outFeatures}, {inFeatures}, {requantization});");
            return;
        }

        ctx.Writer.WriteLine($"{EmitContext.Runtime}.Int8FullyConnected.Run({ctx.ReadStored(node.Inputs[0])}, {TfliteTensors.Filter(ctx, node)}, {TfliteTensors.Bias(ctx, node, 2, outFeatures)}, {ctx.Write(node.Outputs[0])}, {batch}, {inFeatures}, {outFeatures}, {-input.ZeroPoint}, {requantization});");
    }

    /// <summary>
    /// The packed GEMM computes 16 outputs at a time; with fewer, or many more padding lanes than outputs, one long dot
    /// per output (the unpacked kernel) wastes less and keeps the weights at their own size.
    /// </summary>
    private static bool UsesPackedGemm(long outFeatures) => outFeatures % 16 == 0 || outFeatures >= 48;
}
