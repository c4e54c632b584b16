using System;
using System.Collections.Generic;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Emission.Operators;

/// <summary>
/// ONNX ConvInteger (int32 sums) and QLinearConv (sums plus the int32 bias, requantized as ONNX Runtime does), 1-D
/// and 2-D, on a run-time int8/uint8 input and constant int8/uint8 weights with per-tensor or per-output-channel zero
/// points and scales.
/// </summary>
internal static class IntegerConvEmitters
{
    public static void Register(Dictionary<string, Action<EmitContext, Node>> emitters)
    {
        emitters["ConvInteger"] = ConvInteger;
        emitters["QLinearConv"] = QLinearConv;
    }

    /// <summary>Inputs x, w, x zero point, w zero point.</summary>
    private static void ConvInteger(EmitContext ctx, Node node)
    {
        var channels = Operands(ctx, node, 1);
        var xZeroPoint = node.HasInput(2) ? IntegerOperands.ZeroPoints(ctx, node, 2, 1)[0] : 0;
        var wZeroPoints = node.HasInput(3) ? IntegerOperands.ZeroPoints(ctx, node, 3, channels) : new[] { 0 };
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.IntegerConv2D.Run({ctx.ReadStored(node.Inputs[0])}, {ctx.ReadStored(node.Input(1))}, {ctx.Write(node.Outputs[0])}, {ConvEmitters.Conv2DShape(ctx, node, 1)}, {xZeroPoint}, {ctx.Weights.Add(wZeroPoints)});");
    }

    /// <summary>Inputs x, x scale, x zero point, w, w scale, w zero point, y scale, y zero point, optional int32 bias.</summary>
    private static void QLinearConv(EmitContext ctx, Node node)
    {
        var channels = Operands(ctx, node, 3);
        var requantization = IntegerOperands.Requantization(ctx, node, channels);
        var bias = "default";
        if (node.HasInput(8))
        {
            var value = ctx.Graph.GetValue(node.Input(8));
            if (value.Type != ElementType.Int32 || !value.IsConstant || value.ElementCount != channels) throw IntegerOperands.Unsupported(node, $"its bias '{value.Name}' must be a constant int32 vector of {channels}");
            bias = ctx.ReadStored(value.Name);
        }

        ctx.Writer.WriteLine($"{EmitContext.Runtime}.IntegerConv2D.Run({ctx.ReadStored(node.Inputs[0])}, {ctx.ReadStored(node.Input(3))}, {bias}, {ctx.Write(node.Outputs[0])}, {ConvEmitters.Conv2DShape(ctx, node, 3)}, {IntegerOperands.ZeroPoints(ctx, node, 2, 1)[0]}, {ctx.Weights.Add(IntegerOperands.ZeroPoints(ctx, node, 5, channels))}, {requantization});");
    }

    /// <summary>Checks the input and constant weights (input <paramref name="weightIndex"/>); returns the output channels.</summary>
    private static int Operands(EmitContext ctx, Node node, int weightIndex)
    {
        var weights = ctx.Graph.GetValue(node.Input(weightIndex));
        IntegerOperands.RequireInteger8(node, ctx.Graph.GetValue(node.Inputs[0]));
        IntegerOperands.RequireInteger8(node, weights);
        if (!weights.IsConstant) throw IntegerOperands.Unsupported(node, $"its weights '{weights.Name}' must be a constant");
        return (int)weights.Dims![0];
    }
}
