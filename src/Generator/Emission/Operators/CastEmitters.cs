using System;
using System.Collections.Generic;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Emission.Operators;

/// <summary>ONNX Cast of a run-time int8, uint8 or int32 tensor (the integer operators' outputs) to float32.</summary>
internal static class CastEmitters
{
    public static void Register(Dictionary<string, Action<EmitContext, Node>> emitters) => emitters["Cast"] = Cast;

    private static void Cast(EmitContext ctx, Node node)
    {
        var from = ctx.Graph.GetValue(node.Inputs[0]);
        var to = ctx.Graph.GetValue(node.Outputs[0]);
        if (from.Type is not (ElementType.Int8 or ElementType.UInt8 or ElementType.Int32) || to.Type != ElementType.Float)
        {
            throw IntegerOperands.Unsupported(node, $"a cast from {from.Type.DisplayName()} to {to.Type.DisplayName()} is not compiled; int8, uint8 and int32 to float32 are");
        }

        ctx.Writer.WriteLine($"{EmitContext.Runtime}.IntegerCast.ToFloat<{CSharpTypes.Of(from.Type)}>({ctx.ReadStored(node.Inputs[0])}, {ctx.Write(node.Outputs[0])});");
    }
}
