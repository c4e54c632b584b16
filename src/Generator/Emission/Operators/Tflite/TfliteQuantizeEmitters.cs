using System;
using System.Collections.Generic;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Quantization;
using QuantizedModels.Runtime;

namespace QuantizedModels.Generator.Emission.Operators.Tflite;

/// <summary>
/// QUANTIZE (float to int8, or int8 to int8 with new parameters), DEQUANTIZE (int8 to float), and the standalone
/// RELU, RELU6 and RELU_N1_TO_1, which requantize to the output's parameters within the activation's range.
/// </summary>
internal static class TfliteQuantizeEmitters
{
    public static void Register(Dictionary<string, Action<EmitContext, Node>> emitters)
    {
        emitters["QUANTIZE"] = Quantize;
        emitters["DEQUANTIZE"] = Dequantize;
        foreach (var activation in new[] { "RELU", "RELU6", "RELU_N1_TO_1" }) emitters[activation] = Relu;
    }

    /// <summary>TFLite's QuantizedReluX: the scale ratio divided in float, then the activation's bounds in output units.</summary>
    private static void Relu(EmitContext ctx, Node node)
    {
        var input = TfliteTensors.PerTensor(ctx, node, node.Inputs[0]);
        var output = TfliteTensors.PerTensor(ctx, node, node.Outputs[0]);
        MultiplierQuantization.QuantizeMultiplier(input.Scale / output.Scale, out var multiplier, out var shift);
        var range = TfliteQuantization.ActivationRange(node.OpType, output.Scale, output.ZeroPoint);
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.Int8Requantize.Run({ctx.ReadStored(node.Inputs[0])}, {ctx.Write(node.Outputs[0])}, {multiplier}, {shift}, {input.ZeroPoint}, {output.ZeroPoint}, {range.Min}, {range.Max});");
    }

    private static void Quantize(EmitContext ctx, Node node)
    {
        var output = TfliteTensors.PerTensor(ctx, node, node.Outputs[0]);
        var inputType = ctx.Graph.GetValue(node.Inputs[0]).Type;
        if (inputType == ElementType.Float && ctx.Graph.RoundsLikeOnnxRuntime)
        {
            // ONNX Runtime's QuantizeLinear: divided by the scale, rounded half to even, saturated.
            var whole = checked((int)ctx.Graph.GetValue(node.Outputs[0]).ElementCount);
            ctx.Writer.WriteLine($"{EmitContext.Runtime}.QuantizeLinear.Run({ctx.ReadStored(node.Inputs[0])}, {ctx.Write(node.Outputs[0])}, {ctx.Weights.Add(new[] { output.Scale })}, {ctx.Weights.Add(new[] { output.ZeroPoint })}, {whole});");
            return;
        }

        if (inputType == ElementType.Float)
        {
            ctx.Writer.WriteLine($"{EmitContext.Runtime}.Int8Quantize.Run({ctx.ReadStored(node.Inputs[0])}, {ctx.Write(node.Outputs[0])}, {Literals.Float(output.Scale)}, {output.ZeroPoint});");
            return;
        }

        var input = TfliteTensors.PerTensor(ctx, node, node.Inputs[0]);
        Int8ScaleParameters.Ratio(input.Scale, output.Scale, out var multiplier, out var shift);
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.Int8Requantize.Run({ctx.ReadStored(node.Inputs[0])}, {ctx.Write(node.Outputs[0])}, {multiplier}, {shift}, {input.ZeroPoint}, {output.ZeroPoint});");
    }

    private static void Dequantize(EmitContext ctx, Node node)
    {
        TfliteTensors.RequireType(ctx, node, node.Outputs[0], ElementType.Float);
        var input = TfliteTensors.PerTensor(ctx, node, node.Inputs[0]);
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.Int8Dequantize.Run({ctx.ReadStored(node.Inputs[0])}, {ctx.Write(node.Outputs[0])}, {Literals.Float(input.Scale)}, {input.ZeroPoint});");
    }
}
