using System;
using System.Globalization;
using System.Linq;
using QuantizedModels.Generator.Diagnostics;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Quantization;

namespace QuantizedModels.Generator.Emission;

/// <summary>
/// The weights of a float layer in the storage the scheme asks for. Float32 weights are read in place; Float16 and int8
/// weights are stored in the same packed layout the float kernel reads ([output channel, ...] rows) and decoded into
/// the layer's own scratch in the float arena while it runs: a Conv decodes its whole weight tensor, a dense layer a
/// tile of rows at a time, so the float kernels are shared and the float weights never all exist at run time.
/// </summary>
/// <remarks>
/// Int8WeightOnly dequantizes weights and runs the float kernel rather than quantizing activations per call and running
/// an int8 dot: decoding costs one multiply per weight, while a convolution reads each weight once per output pixel
/// (125 times in the DS-CNN), so there the decode is a small share of the layer's time, and the activations keep
/// their float accuracy (measured: the DS-CNN ran 410 µs in float32, 390 µs with float16 and 362 µs with int8 weights,
/// a Stopwatch loop on a busy machine, so the decode is within the noise). Dense layers at batch 1 read each weight
/// once, so decoding is about as much work as the layer itself: the price of sharing the float kernels.
/// </remarks>
internal static class LayerWeights
{
    /// <summary>Floats of decoded weights a dense-layer tile holds (16 KiB), unless one row is longer.</summary>
    private const int DenseTileFloats = 4096;

    /// <summary>Floats of scratch <paramref name="node"/> decodes its weights into, 0 when they are read in place.</summary>
    public static int DecodedLength(ModelGraph graph, Node node, WeightStorage storage)
    {
        if (storage == WeightStorage.Float32 || node.Domain.Length != 0 || node.Inputs.Count < 2) return 0;
        var weights = graph.GetValue(node.Inputs[1]);
        if (weights.Constant is null || weights.Dims is null) return 0;
        var dims = weights.Dims;
        return node.OpType switch
        {
            "Conv" => checked((int)weights.ElementCount),
            "Gemm" when node.GetInt("transB", 0) != 0 => DenseTile(rows: dims[0], depth: dims[1]),
            "Gemm" => DenseTile(rows: dims[1], depth: dims[0]),
            "MatMul" when dims.Length == 1 => DenseTile(rows: 1, depth: dims[0]),
            "MatMul" when dims.Length == 2 => DenseTile(rows: dims[1], depth: dims[0]),
            _ => 0,
        };
    }

    /// <summary>
    /// Registers <paramref name="packed"/> (rows of one output channel each) in the scheme's storage and returns the
    /// arguments a decoding kernel takes for it: the stored values, and for int8 the scales. Kernels that decode are
    /// named after the storage (<c>WeightDecoding.Float16</c>, <c>DecodedGemm.RunInt8PerChannel</c>).
    /// </summary>
    public static string Store(EmitContext ctx, Node node, float[] packed, int outChannels)
    {
        var before = ctx.Weights.TotalBytes;
        var arguments = Register(ctx, node, packed, outChannels);
        var (float32Bytes, storedBytes) = ctx.EncodedWeights;
        ctx.EncodedWeights = (float32Bytes + (packed.Length * 4L), storedBytes + ctx.Weights.TotalBytes - before);
        return arguments;
    }

    /// <summary>The generated documentation's sentence on the stored weights, added to the summary's report; none for Float32.</summary>
    public static ModelSummary Describe(ModelSummary summary, EmitContext ctx)
    {
        if (ctx.EncodedWeights.Float32Bytes == 0) return summary;
        var form = ctx.WeightStorage switch
        {
            WeightStorage.Float16 => "float16",
            WeightStorage.Int8PerTensor => "int8 with one float32 scale per tensor",
            _ => "int8 with a float32 scale per output channel",
        };
        var sentence = string.Format(
            CultureInfo.InvariantCulture,
            "Conv, Gemm and MatMul weights stored as {0}: {1:N0} bytes instead of {2:N0} as float32, decoded per layer at run time; WeightBytes {3:N0} in all.",
            form,
            ctx.EncodedWeights.StoredBytes,
            ctx.EncodedWeights.Float32Bytes,
            ctx.Weights.TotalBytes);
        return summary with { Report = summary.Report.Concat(new[] { sentence }).ToArray() };
    }

    private static string Register(EmitContext ctx, Node node, float[] packed, int outChannels)
    {
        if (ctx.WeightStorage == WeightStorage.Float16)
        {
            return ctx.Weights.Add(ElementType.Float16, packed.Length, Float16Bytes(node, packed));
        }

        var grid = ctx.WeightStorage == WeightStorage.Int8PerTensor ? WeightGrid.Int8PerTensor : WeightGrid.Int8PerChannel;
        var (values, scales) = ActivationQuantization.Weights(packed, outChannels, packed.Length / outChannels, grid);
        return $"{ctx.Weights.Add(ElementType.Int8, values.Length, values.Select(v => (byte)v).ToArray())}, {ctx.Weights.Add(scales)}";
    }

    private static int DenseTile(long rows, long depth) => checked((int)(depth * Math.Max(1, Math.Min(rows, DenseTileFloats / depth))));

    private static byte[] Float16Bytes(Node node, float[] weights)
    {
        var bytes = new byte[weights.Length * 2];
        for (var i = 0; i < weights.Length; i++)
        {
            if (Math.Abs(weights[i]) > HalfBits.MaxValue)
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
