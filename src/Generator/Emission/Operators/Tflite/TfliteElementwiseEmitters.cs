using System;
using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Quantization;
using QuantizedModels.Runtime;

namespace QuantizedModels.Generator.Emission.Operators.Tflite;

/// <summary>ADD on int8 tensors of equal shape, with TFLite's rescaling to a common scale.</summary>
internal static class TfliteElementwiseEmitters
{
    public static void Register(Dictionary<string, Action<EmitContext, Node>> emitters)
    {
        emitters["ADD"] = Add;
    }

    private static void Add(EmitContext ctx, Node node)
    {
        var a = ctx.Dims(node.Inputs[0]);
        var b = ctx.Dims(node.Inputs[1]);
        if (!a.SequenceEqual(b)) throw EmitContext.Unsupported(node, $"broadcasting {Shape.Format(a)} with {Shape.Format(b)} is not supported; int8 ADD needs equal shapes");
        var first = TfliteTensors.PerTensor(ctx, node, node.Inputs[0]);
        var second = TfliteTensors.PerTensor(ctx, node, node.Inputs[1]);
        var output = TfliteTensors.PerTensor(ctx, node, node.Outputs[0]);

        // CalculateOpDataAdd: both inputs scaled to 2 * max(s1, s2), the sum to the output, after a 20-bit left shift.
        var twiceMaxInputScale = 2 * (double)Math.Max(first.Scale, second.Scale);
        MultiplierQuantization.QuantizeMultiplier(first.Scale / twiceMaxInputScale, out var m1, out var s1);
        MultiplierQuantization.QuantizeMultiplier(second.Scale / twiceMaxInputScale, out var m2, out var s2);
        MultiplierQuantization.QuantizeMultiplier(twiceMaxInputScale / ((1 << 20) * (double)output.Scale), out var mOut, out var sOut);
        var range = TfliteQuantization.ActivationRange(TfliteTensors.FusedActivation(node), output.Scale, output.ZeroPoint);
        var parameters = $"new {EmitContext.Runtime}.Int8AddQuantization({-first.ZeroPoint}, {m1}, {s1}, {-second.ZeroPoint}, {m2}, {s2}, {output.ZeroPoint}, {mOut}, {sOut}, {range.Min}, {range.Max})";
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.Int8Add.Run({ctx.ReadStored(node.Inputs[0])}, {ctx.ReadStored(node.Inputs[1])}, {ctx.Write(node.Outputs[0])}, {parameters});");
    }
}
