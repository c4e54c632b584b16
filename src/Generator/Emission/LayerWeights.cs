using System.Linq;
using QuantizedModels.Generator.Diagnostics;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Quantization;

namespace QuantizedModels.Generator.Emission;

/// <summary>
/// The weights of a float layer in the storage the scheme asks for. Float32 weights are read in place; Float16 and int8
/// weights are stored in the same packed layout the float kernel reads ([output channel, ...] rows) and decoded into
/// the layer's own scratch slice of the float arena right before it runs, so the float kernels are unchanged and only
/// one layer's float weights are in memory at a time.
/// </summary>
/// <remarks>
/// Int8WeightOnly decodes a whole layer and runs the float kernel rather than dequantizing inside each kernel or
/// quantizing activations per call: decoding costs one multiply per weight, while a convolution reads each weight once
/// per output pixel (125 times in the DS-CNN), so the decode is a small share of a layer's time there, and the
/// activations keep their float accuracy. Dense layers at batch 1 read each weight once, where the decode is about as
/// much work as the layer itself: that is the price of sharing the float kernels.
/// </remarks>
internal static class LayerWeights
{
    /// <summary>Floats of scratch <paramref name="node"/> decodes its weights into, 0 when they are read in place.</summary>
    public static int DecodedLength(ModelGraph graph, Node node, WeightStorage storage)
    {
        if (storage == WeightStorage.Float32 || node.Domain.Length != 0 || node.Inputs.Count < 2) return 0;
        var weights = graph.GetValue(node.Inputs[1]);
        if (weights.Constant is null || weights.Dims is null) return 0;
        return node.OpType switch
        {
            "Conv" or "Gemm" => checked((int)weights.ElementCount),
            "MatMul" when weights.Dims.Length <= 2 => checked((int)weights.ElementCount),
            _ => 0,
        };
    }

    /// <summary>
    /// An expression of type <c>ReadOnlySpan&lt;float&gt;</c> over <paramref name="packed"/>, rows of one output channel
    /// each; for encoded storage, first writes the call that decodes them into the node's scratch.
    /// </summary>
    public static string Read(EmitContext ctx, Node node, float[] packed, int outChannels)
    {
        if (ctx.WeightStorage == WeightStorage.Float32) return ctx.Weights.Add(packed);
        var scratch = ctx.Scratch(node);
        if (ctx.WeightStorage == WeightStorage.Float16)
        {
            var stored = ctx.Weights.Add(ElementType.Float16, packed.Length, Float16Bytes(node, packed));
            ctx.Writer.WriteLine($"{EmitContext.Runtime}.WeightDecoding.Float16({stored}, {scratch});");
            return scratch;
        }

        var (values, scales) = ActivationQuantization.Weights(packed, outChannels, packed.Length / outChannels, perTensor: false);
        var bytes = values.Select(v => (byte)v).ToArray();
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.WeightDecoding.Int8PerChannel({ctx.Weights.Add(ElementType.Int8, values.Length, bytes)}, {ctx.Weights.Add(scales)}, {scratch});");
        return scratch;
    }

    private static byte[] Float16Bytes(Node node, float[] weights)
    {
        var bytes = new byte[weights.Length * 2];
        for (var i = 0; i < weights.Length; i++)
        {
            if (System.Math.Abs(weights[i]) > HalfBits.MaxValue)
            {
                throw new ModelException($"Node {node.Describe()}: weight {weights[i]} is beyond float16's range (±65504); compile this model with QuantizationScheme.Float32.", DiagnosticIds.UnsupportedModel);
            }

            var bits = HalfBits.FromSingle(weights[i]);
            bytes[2 * i] = (byte)bits;
            bytes[(2 * i) + 1] = (byte)(bits >> 8);
        }

        return bytes;
    }
}
