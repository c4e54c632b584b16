using System;
using System.Collections.Generic;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Runtime;

namespace QuantizedModels.Generator.Emission.Operators.Tflite;

/// <summary>SOFTMAX on int8, TFLite's fixed-point algorithm (output scale 1/256, zero point -128).</summary>
internal static class TfliteActivationEmitters
{
    public static void Register(Dictionary<string, Action<EmitContext, Node>> emitters)
    {
        emitters["SOFTMAX"] = Softmax;
    }

    private static void Softmax(EmitContext ctx, Node node)
    {
        var input = TfliteTensors.PerTensor(ctx, node, node.Inputs[0]);
        var output = TfliteTensors.PerTensor(ctx, node, node.Outputs[0]);
        if (output.Scale != 1f / 256 || output.ZeroPoint != -128) throw EmitContext.Unsupported(node, $"an int8 softmax output must have scale 1/256 and zero point -128 (it has {output.Scale} and {output.ZeroPoint})");
        var dims = ctx.Dims(node.Inputs[0]);
        var depth = dims.Length == 0 ? 1 : dims[dims.Length - 1];
        var rows = ctx.Graph.GetValue(node.Inputs[0]).ElementCount / Math.Max(depth, 1);
        var beta = node.GetFloat("beta", 1f);
        if (!((double)beta * input.Scale * (1 << 26) > 1)) throw EmitContext.Unsupported(node, $"beta {beta} times input scale {input.Scale} is below 2^-26, which TFLite's int8 softmax rejects");
        Int8SoftmaxParameters.Compute(input.Scale, beta, out var multiplier, out var leftShift, out var diffMin);
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.Int8Softmax.Run({ctx.Read(node.Inputs[0])}, {ctx.Write(node.Outputs[0])}, {rows}, {depth}, {multiplier}, {leftShift}, {diffMin});");
    }
}
