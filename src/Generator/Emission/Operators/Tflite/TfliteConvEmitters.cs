using System;
using System.Collections.Generic;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Quantization;
using QuantizedModels.Runtime;

namespace QuantizedModels.Generator.Emission.Operators.Tflite;

/// <summary>CONV_2D, DEPTHWISE_CONV_2D and the pools on int8 NHWC tensors, with TFLite's Prepare arithmetic.</summary>
internal static class TfliteConvEmitters
{
    public static void Register(Dictionary<string, Action<EmitContext, Node>> emitters)
    {
        emitters["CONV_2D"] = (ctx, node) => Conv(ctx, node, depthwise: false);
        emitters["DEPTHWISE_CONV_2D"] = (ctx, node) => Conv(ctx, node, depthwise: true);
        emitters["MAX_POOL_2D"] = (ctx, node) => Pool(ctx, node, "Max");
        emitters["AVERAGE_POOL_2D"] = (ctx, node) => Pool(ctx, node, "Average");
    }

    private static void Conv(EmitContext ctx, Node node, bool depthwise)
    {
        var x = Nhwc(ctx, node, node.Inputs[0]);
        var y = Nhwc(ctx, node, node.Outputs[0]);
        var w = ctx.Dims(node.Inputs[1]);
        if (w.Length != 4) throw EmitContext.Unsupported(node, $"its filter must have rank 4, not {w.Length}");
        var outChannels = depthwise ? w[3] : w[0];
        if (y[3] != outChannels) throw new ModelException($"Node {node.Describe()}: the filter has {outChannels} output channels but the output {y[3]}.");
        if (depthwise ? outChannels % x[3] != 0 : w[3] != x[3])
        {
            throw EmitContext.Unsupported(node, depthwise
                ? $"{outChannels} output channels are not a multiple of {x[3]} input channels"
                : $"the filter has {w[3]} input channels but the input {x[3]} (grouped convolution is not supported)");
        }

        var padding = node.GetString("padding", "SAME");
        var rows = TfliteWindow.Compute(node, padding, (int)x[1], (int)w[1], (int)node.GetInt("stride_h", 1), (int)node.GetInt("dilation_h_factor", 1), y[1], "pad_top");
        var cols = TfliteWindow.Compute(node, padding, (int)x[2], (int)w[2], (int)node.GetInt("stride_w", 1), (int)node.GetInt("dilation_w_factor", 1), y[2], "pad_left");

        var input = TfliteTensors.PerTensor(ctx, node, node.Inputs[0]);
        var output = TfliteTensors.PerTensor(ctx, node, node.Outputs[0]);
        var filterScales = TfliteTensors.FilterScales(ctx, node, node.Inputs[1], depthwise ? 3 : 0);
        if (!(filterScales.Length == 1 || filterScales.Length == outChannels)) throw new ModelException($"Node {node.Describe()}: {filterScales.Length} filter scales for {outChannels} output channels.");
        var range = TfliteQuantization.ActivationRange(TfliteTensors.FusedActivation(node), output.Scale, output.ZeroPoint);

        var shape = $"new {EmitContext.Runtime}.Int8ConvShape({x[0]}, {x[1]}, {x[2]}, {x[3]}, {y[1]}, {y[2]}, {y[3]}, {w[1]}, {w[2]}, {rows.Stride}, {cols.Stride}, {rows.PadBefore}, {cols.PadBefore}, {rows.Dilation}, {cols.Dilation})";
        var requantization = ctx.Graph.RoundsLikeOnnxRuntime
            ? TfliteTensors.FloatRequantization(ctx, input.Scale, filterScales, output.Scale, output.ZeroPoint, range)
            : TfliteTensors.Requantization(ctx, node, TfliteQuantization.PerChannel(input.Scale, filterScales, output.Scale), output.ZeroPoint, range);
        var inputOffset = -input.ZeroPoint;
        var dilated = rows.Dilation != 1 || cols.Dilation != 1;
        // An undilated depthwise conv of a one-channel input (micro_speech's first layer, depth multiplier 8) is an
        // ordinary conv whose filter [1, KH, KW, out] transposes to [out, KH, KW, 1]: it takes the packed GEMM instead.
        var singleChannelDepthwise = depthwise && x[3] == 1 && !dilated && !ctx.Graph.StoresInt4WeightsOf(node);
        if (depthwise && !singleChannelDepthwise)
        {
            ctx.Writer.WriteLine($"{EmitContext.Runtime}.Int8DepthwiseConv2D.Run({ctx.ReadStored(node.Inputs[0])}, {TfliteTensors.Filter(ctx, node)}, {TfliteTensors.Bias(ctx, node, 2, outChannels)}, {ctx.Write(node.Outputs[0])}, {shape}, {inputOffset}, {requantization});");
            return;
        }

        if (dilated)
        {
            ctx.Writer.WriteLine($"{EmitContext.Runtime}.Int8Conv2D.Run({ctx.ReadStored(node.Inputs[0])}, {TfliteTensors.Filter(ctx, node)}, {TfliteTensors.Bias(ctx, node, 2, outChannels)}, {ctx.Write(node.Outputs[0])}, {shape}, {inputOffset}, {requantization});");
            return;
        }

        // The packed kernel runs the conv as one GEMM over the input (1x1) or over im2col rows in the scratch buffer.
        var taps = (int)(w[1] * w[2]);
        var (packedWeights, packedBias) = singleChannelDepthwise
            ? TfliteTensors.Packed(ctx, node, (int)outChannels, taps, inputOffset, TapsLastFilter(ctx, node, taps, (int)outChannels))
            : TfliteTensors.Packed(ctx, node, (int)outChannels, (int)(w[1] * w[2] * w[3]), inputOffset);
        var scratch = ctx.ScratchInt8(Int8GemmPacking.Conv2DScratchLength((int)x[0], (int)x[1], (int)x[2], (int)x[3], (int)y[1], (int)y[2], (int)w[1], (int)w[2], rows.Stride, cols.Stride, rows.PadBefore, cols.PadBefore));
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.Int8PackedConv2D.Run({ctx.ReadStored(node.Inputs[0])}, {packedWeights}, {packedBias}, {scratch}, {ctx.Write(node.Outputs[0])}, {shape}, {inputOffset}, {requantization});");
    }

    /// <summary>A depthwise filter [1, taps, out] of a one-channel input as conv weights [out, taps].</summary>
    private static sbyte[] TapsLastFilter(EmitContext ctx, Node node, int taps, int outChannels)
    {
        var filter = (sbyte[])(Array)ctx.Graph.GetValue(node.Inputs[1]).Constant!.Bytes;
        var weights = new sbyte[filter.Length];
        for (var t = 0; t < taps; t++)
        for (var o = 0; o < outChannels; o++)
        {
            weights[o * taps + t] = filter[t * outChannels + o];
        }

        return weights;
    }

    private static void Pool(EmitContext ctx, Node node, string kind)
    {
        var x = Nhwc(ctx, node, node.Inputs[0]);
        var y = Nhwc(ctx, node, node.Outputs[0]);
        if (x[3] != y[3]) throw new ModelException($"Node {node.Describe()}: input has {x[3]} channels but output {y[3]}.");
        var input = TfliteTensors.PerTensor(ctx, node, node.Inputs[0]);
        var output = TfliteTensors.PerTensor(ctx, node, node.Outputs[0]);
        if (input != output) throw EmitContext.Unsupported(node, $"input and output quantization differ ({input.Scale}/{input.ZeroPoint} vs {output.Scale}/{output.ZeroPoint}); TFLite pooling keeps them equal");
        var padding = node.GetString("padding", "SAME");
        var rows = TfliteWindow.Compute(node, padding, (int)x[1], (int)node.GetInt("filter_height", 1), (int)node.GetInt("stride_h", 1), 1, y[1], "pad_top");
        var cols = TfliteWindow.Compute(node, padding, (int)x[2], (int)node.GetInt("filter_width", 1), (int)node.GetInt("stride_w", 1), 1, y[2], "pad_left");
        var range = TfliteQuantization.ActivationRange(TfliteTensors.FusedActivation(node), output.Scale, output.ZeroPoint);
        var shape = $"new {EmitContext.Runtime}.Int8PoolShape({x[0]}, {x[1]}, {x[2]}, {x[3]}, {y[1]}, {y[2]}, {rows.Kernel}, {cols.Kernel}, {rows.Stride}, {cols.Stride}, {rows.PadBefore}, {cols.PadBefore})";
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.Int8Pool2D.{kind}({ctx.ReadStored(node.Inputs[0])}, {ctx.Write(node.Outputs[0])}, {shape}, {range.Min}, {range.Max});");
    }

    private static long[] Nhwc(EmitContext ctx, Node node, string name)
    {
        var dims = ctx.Dims(name);
        if (dims.Length != 4) throw EmitContext.Unsupported(node, $"tensor '{name}' has rank {dims.Length}; 2-D windows need NHWC rank 4");
        return dims;
    }
}
