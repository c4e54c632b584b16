using System;
using System.Collections.Generic;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Emission.Operators;

/// <summary>ONNX DynamicQuantizeLinear: float32 to uint8 with the scale and zero point computed from the values at run time.</summary>
internal static class DynamicQuantizeEmitters
{
    public static void Register(Dictionary<string, Action<EmitContext, Node>> emitters)
    {
        emitters["DynamicQuantizeLinear"] = DynamicQuantizeLinear;
    }

    private static void DynamicQuantizeLinear(EmitContext ctx, Node node)
    {
        if (node.Outputs.Count != 3 || node.Outputs[1].Length == 0 || node.Outputs[2].Length == 0)
        {
            throw IntegerOperands.Unsupported(node, "its scale and zero point outputs must both be used");
        }

        if (ctx.Graph.GetValue(node.Inputs[0]).Type != ElementType.Float) throw IntegerOperands.Unsupported(node, "its input must be float32");
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.DynamicQuantizeLinear.Run({ctx.ReadStored(node.Inputs[0])}, {ctx.Write(node.Outputs[0])}, {ctx.Write(node.Outputs[1])}, {ctx.Write(node.Outputs[2])});");
    }
}
