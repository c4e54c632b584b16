using System;
using System.Collections.Generic;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Runtime;

namespace QuantizedModels.Generator.Emission.Operators.Tflite;

/// <summary>
/// SOFTMAX, LOGISTIC and TANH on int8 with TFLite's fixed-point algorithms. Their output quantization is fixed by
/// TFLite: softmax and logistic 1/256 with zero point -128, tanh 1/128 with zero point 0.
/// </summary>
internal static class TfliteActivationEmitters
{
    public static void Register(Dictionary<string, Action<EmitContext, Node>> emitters)
    {
        emitters["SOFTMAX"] = Softmax;
        emitters["LOGISTIC"] = (ctx, node) => Saturating(ctx, node, "Int8Logistic", 1f / 256, -128);
        emitters["TANH"] = (ctx, node) => Saturating(ctx, node, "Int8Tanh", 1f / 128, 0);
    }

    private static void Softmax(EmitContext ctx, Node node)
    {
        var input = TfliteTensors.PerTensor(ctx, node, node.Inputs[0]);
        RequireOutput(ctx, node, 1f / 256, -128);
        var dims = ctx.Dims(node.Inputs[0]);
        var depth = dims.Length == 0 ? 1 : dims[dims.Length - 1];
        var rows = ctx.Graph.GetValue(node.Inputs[0]).ElementCount / Math.Max(depth, 1);
        var beta = node.GetFloat("beta", 1f);
        int multiplier = 0, leftShift = 0, diffMin = 0;
        BuildTimeParameters(node, () => Int8SoftmaxParameters.Compute(input.Scale, beta, out multiplier, out leftShift, out diffMin));
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.Int8Softmax.Run({ctx.ReadStored(node.Inputs[0])}, {ctx.Write(node.Outputs[0])}, {rows}, {depth}, {multiplier}, {leftShift}, {diffMin});");
    }

    private static void Saturating(EmitContext ctx, Node node, string kernel, float outputScale, int outputZeroPoint)
    {
        var input = TfliteTensors.PerTensor(ctx, node, node.Inputs[0]);
        RequireOutput(ctx, node, outputScale, outputZeroPoint);
        int multiplier = 0, leftShift = 0, radius = 0;
        BuildTimeParameters(node, () => Int8ActivationParameters.Compute(input.Scale, out multiplier, out leftShift, out radius));
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.{kernel}.Run({ctx.ReadStored(node.Inputs[0])}, {ctx.Write(node.Outputs[0])}, {input.ZeroPoint}, {radius}, {multiplier}, {leftShift});");
    }

    private static void RequireOutput(EmitContext ctx, Node node, float scale, int zeroPoint)
    {
        var output = TfliteTensors.PerTensor(ctx, node, node.Outputs[0]);
        if (output.Scale != scale || output.ZeroPoint != zeroPoint)
        {
            throw EmitContext.Unsupported(node, $"its int8 output must have scale {scale} and zero point {zeroPoint}, as TFLite requires (it has {output.Scale} and {output.ZeroPoint})");
        }
    }

    /// <summary>The shared Prepare code rejects scales TFLite rejects (or leaves undefined) with an exception; it becomes QM0009.</summary>
    private static void BuildTimeParameters(Node node, Action compute)
    {
        try
        {
            compute();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw EmitContext.Unsupported(node, "its input scale is outside what TFLite's int8 kernel accepts: " + e.Message.Split('\n')[0].Trim());
        }
    }
}
