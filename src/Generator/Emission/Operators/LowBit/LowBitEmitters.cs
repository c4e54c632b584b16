using System;
using System.Collections.Generic;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Quantization.LowBit;

namespace QuantizedModels.Generator.Emission.Operators.LowBit;

/// <summary>Emitters for the nodes <see cref="LowBitLowering"/> produces: float32 activations, low-bit or sparse weights.</summary>
internal static class LowBitEmitters
{
    private static readonly Dictionary<string, Action<EmitContext, Node>> Emitters = new()
    {
        [LowBitLowering.TernaryGemm] = TernaryGemm,
        [LowBitLowering.SparseGemm] = SparseGemm,
        [LowBitLowering.XnorGemm] = XnorGemm,
        [LowBitConv.OpType] = TernaryConv,
    };

    public static bool TryGet(string opType, out Action<EmitContext, Node> emitter) => Emitters.TryGetValue(opType, out emitter!);

    // Inputs: x, bit-planes, scales, bias.
    private static void TernaryGemm(EmitContext ctx, Node node)
    {
        var (rows, outputs, inputs) = Sizes(ctx, node, node.Inputs[3]);
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.TernaryGemm.Run({ctx.Read(node.Inputs[0])}, {ctx.ReadStored(node.Inputs[1])}, {ctx.Read(node.Inputs[2])}, {ctx.Read(node.Inputs[3])}, {ctx.Write(node.Outputs[0])}, {rows}, {outputs}, {inputs}, {EmitContext.Activation(node.Activation)});");
    }

    // Inputs: x (NCHW), bit-planes, scales ([M, 1, 1, 1], which give the geometry M and the rank), bias.
    private static void TernaryConv(EmitContext ctx, Node node) =>
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.TernaryConv2D.Run({ctx.Read(node.Inputs[0])}, {ctx.ReadStored(node.Inputs[1])}, {ctx.Read(node.Inputs[2])}, {ctx.Read(node.Inputs[3])}, {ctx.Write(node.Outputs[0])}, {ConvEmitters.Conv2DShape(ctx, node, 2)}, {EmitContext.Activation(node.Activation)});");

    // Inputs: x (the Sign's input), weight bits, scales, bias.
    private static void XnorGemm(EmitContext ctx, Node node)
    {
        var (rows, outputs, inputs) = Sizes(ctx, node, node.Inputs[3]);
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.XnorGemm.Run({ctx.Read(node.Inputs[0])}, {ctx.ReadStored(node.Inputs[1])}, {ctx.Read(node.Inputs[2])}, {ctx.Read(node.Inputs[3])}, {ctx.Write(node.Outputs[0])}, {rows}, {outputs}, {inputs}, {EmitContext.Activation(node.Activation)});");
    }

    // Inputs: x, nonzero values, their columns, row starts, bias.
    private static void SparseGemm(EmitContext ctx, Node node)
    {
        var (rows, outputs, inputs) = Sizes(ctx, node, node.Inputs[4]);
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.SparseGemm.Run({ctx.Read(node.Inputs[0])}, {ctx.Read(node.Inputs[1])}, {ctx.ReadStored(node.Inputs[2])}, {ctx.ReadStored(node.Inputs[3])}, {ctx.Read(node.Inputs[4])}, {ctx.Write(node.Outputs[0])}, {rows}, {outputs}, {inputs}, {EmitContext.Activation(node.Activation)});");
    }

    private static (int Rows, int Outputs, int Inputs) Sizes(EmitContext ctx, Node node, string bias)
    {
        var inputs = (int)node.GetInt(LowBitLowering.InputsAttribute, 0);
        return (ctx.Count(node.Inputs[0]) / inputs, ctx.Count(bias), inputs);
    }
}
