using System;
using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Diagnostics;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Passes;

namespace QuantizedModels.Generator.Emission.Operators;

/// <summary>Activations, broadcasting arithmetic, BatchNormalization and Softmax.</summary>
internal static class ElementwiseEmitters
{
    public static void Register(Dictionary<string, Action<EmitContext, Node>> emitters)
    {
        emitters["Relu"] = (ctx, node) => Unary(ctx, node, "Relu", "");
        emitters["Sigmoid"] = (ctx, node) => Unary(ctx, node, "Sigmoid", "");
        emitters["Tanh"] = (ctx, node) => Unary(ctx, node, "Tanh", "");
        emitters["Sign"] = (ctx, node) => Unary(ctx, node, "Sign", "");
        emitters["HardSwish"] = (ctx, node) => Unary(ctx, node, "HardSwish", "");
        emitters["LeakyRelu"] = (ctx, node) => Unary(ctx, node, "LeakyRelu", ", " + Literals.Float(node.GetFloat("alpha", 0.01f)));
        emitters["HardSigmoid"] = (ctx, node) => Unary(ctx, node, "HardSigmoid", $", {Literals.Float(node.GetFloat("alpha", 0.2f))}, {Literals.Float(node.GetFloat("beta", 0.5f))}");
        emitters["Clip"] = Clip;
        foreach (var op in new[] { "Add", "Sub", "Mul", "Div" }) emitters[op] = Binary;
        emitters["BatchNormalization"] = BatchNormalization;
        emitters["Softmax"] = (ctx, node) => Softmax(ctx, node, "Run");
        emitters["LogSoftmax"] = (ctx, node) => Softmax(ctx, node, "RunLog");
    }

    /// <summary>Applies an activation in place over a tensor already written (for kernels without a fused one).</summary>
    public static void EmitActivation(EmitContext ctx, FusedActivation activation, string span, int count)
    {
        var call = activation.Kind switch
        {
            ActivationKind.Relu => $"Relu({span}, {span})",
            ActivationKind.LeakyRelu => $"LeakyRelu({span}, {span}, {Literals.Float(activation.Alpha)})",
            _ => $"Clip({span}, {span}, {Literals.Float(activation.Min)}, {Literals.Float(activation.Max)})",
        };
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.Unary.{call};");
    }

    private static void Unary(EmitContext ctx, Node node, string kernel, string arguments) =>
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.Unary.{kernel}({ctx.Read(node.Inputs[0])}, {ctx.Write(node.Outputs[0])}{arguments});");

    private static void Clip(EmitContext ctx, Node node)
    {
        var bounds = ActivationFusion.Describe(ctx.Graph, node) ?? throw new ModelException($"Node {node.Describe()}: Clip bounds must be constants.", DiagnosticIds.UnsupportedModel);
        Unary(ctx, node, "Clip", $", {Literals.Float(bounds.Min)}, {Literals.Float(bounds.Max)}");
    }

    private static void Binary(EmitContext ctx, Node node)
    {
        var output = ctx.Dims(node.Outputs[0]);
        var (shape, aStrides, bStrides) = BroadcastLayout.Coalesce(output, ctx.Dims(node.Inputs[0]), ctx.Dims(node.Inputs[1]));
        if (shape.Length > 6) throw new ModelException($"Node {node.Describe()}: broadcasting over more than 6 dimensions is not supported.", DiagnosticIds.UnsupportedModel);
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.Binary.Run({EmitContext.Runtime}.BinaryOp.{node.OpType}, {ctx.Read(node.Inputs[0])}, {ctx.Read(node.Inputs[1])}, {ctx.Write(node.Outputs[0])}, {EmitContext.Ints(shape)}, {EmitContext.Ints(aStrides)}, {EmitContext.Ints(bStrides)}, {EmitContext.Activation(node.Activation)});");
    }

    private static void BatchNormalization(EmitContext ctx, Node node)
    {
        if (!BatchNormFolding.TryGetAffine(ctx.Graph, node, out var scale, out var shift))
        {
            throw new ModelException($"Node {node.Describe()}: BatchNormalization needs constant scale, bias, mean and variance.", DiagnosticIds.UnsupportedModel);
        }

        var x = ctx.Dims(node.Inputs[0]);
        var inner = x.Skip(2).Aggregate(1L, (a, b) => a * b);
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.ChannelAffine.Run({ctx.Read(node.Inputs[0])}, {ctx.Write(node.Outputs[0])}, {ctx.Weights.Add(scale)}, {ctx.Weights.Add(shift)}, {x[0]}, {x[1]}, {inner});");
    }

    private static void Softmax(EmitContext ctx, Node node, string kernel)
    {
        var x = ctx.Dims(node.Inputs[0]);
        var shape = ctx.Shape(node);
        long outer, axisLength, inner;
        if (shape.Opset < 13)
        {
            // Before opset 13 the input is flattened to 2-D at the axis.
            var axis = node.GetInt("axis", 1);
            var a = (int)(axis < 0 ? axis + x.Length : axis);
            outer = x.Take(a).Aggregate(1L, (p, d) => p * d);
            axisLength = x.Skip(a).Aggregate(1L, (p, d) => p * d);
            inner = 1;
        }
        else
        {
            var a = shape.NormalizeAxis(node.GetInt("axis", -1), x.Length);
            outer = x.Take(a).Aggregate(1L, (p, d) => p * d);
            axisLength = x[a];
            inner = x.Skip(a + 1).Aggregate(1L, (p, d) => p * d);
        }

        ctx.Writer.WriteLine($"{EmitContext.Runtime}.Softmax.{kernel}({ctx.Read(node.Inputs[0])}, {ctx.Write(node.Outputs[0])}, {outer}, {axisLength}, {inner});");
    }
}
