using System;
using System.Collections.Generic;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Emission.Operators.Tflite;

/// <summary>RESHAPE, which moves no data: the planner gives its output the input's memory.</summary>
internal static class TfliteLayoutEmitters
{
    public static void Register(Dictionary<string, Action<EmitContext, Node>> emitters)
    {
        emitters["RESHAPE"] = Reshape;
    }

    private static void Reshape(EmitContext ctx, Node node)
    {
        var input = ctx.Graph.GetValue(node.Inputs[0]);
        var output = ctx.Graph.GetValue(node.Outputs[0]);
        if (input.Type != output.Type) throw new ModelException($"Node {node.Describe()}: RESHAPE changes the element type from {input.Type.DisplayName()} to {output.Type.DisplayName()}.");
        if (input.ElementCount != output.ElementCount) throw new ModelException($"Node {node.Describe()}: RESHAPE from {Shape.Format(input.Dims)} to {Shape.Format(output.Dims)} changes the element count.");
        if (ctx.SameStorage(node.Inputs[0], node.Outputs[0]))
        {
            ctx.Writer.WriteLine($"// RESHAPE '{node.Outputs[0]}' reads the memory of '{node.Inputs[0]}'.");
            return;
        }

        ctx.Writer.WriteLine($"{ctx.ReadStored(node.Inputs[0])}.CopyTo({ctx.Write(node.Outputs[0])});");
    }
}
