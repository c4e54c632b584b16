using System;
using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Emission.Operators.Tflite;

/// <summary>The integer emitter for each supported TensorFlow Lite builtin operator (domain "tflite").</summary>
internal static class TfliteEmitters
{
    /// <summary>Inputs each operator cannot do without (a bias, for one, is optional); every one has one output.</summary>
    private static readonly Dictionary<string, int> RequiredInputs = new()
    {
        ["CONV_2D"] = 2, ["DEPTHWISE_CONV_2D"] = 2, ["FULLY_CONNECTED"] = 2, ["ADD"] = 2, ["MUL"] = 2, ["MEAN"] = 2, ["PAD"] = 2, ["PADV2"] = 3, ["TRANSPOSE"] = 2,
    };

    private static readonly Dictionary<string, Action<EmitContext, Node>> Emitters = Build();

    public static bool TryGet(string opType, out Action<EmitContext, Node> emitter)
    {
        if (!Emitters.TryGetValue(opType, out var emit))
        {
            emitter = null!;
            return false;
        }

        emitter = (ctx, node) =>
        {
            RequireOperands(node);
            emit(ctx, node);
        };
        return true;
    }

    private static void RequireOperands(Node node)
    {
        var required = RequiredInputs.TryGetValue(node.OpType, out var count) ? count : 1;
        if (Enumerable.Range(0, required).Any(i => !node.HasInput(i)) || node.Outputs.Count == 0 || node.Outputs[0].Length == 0)
        {
            throw new ModelException($"Node {node.Describe()} has {node.Inputs.Count(i => i.Length > 0)} inputs and {node.Outputs.Count} outputs; {node.OpType} needs at least {required} inputs and one output.");
        }
    }

    private static Dictionary<string, Action<EmitContext, Node>> Build()
    {
        var emitters = new Dictionary<string, Action<EmitContext, Node>>();
        TfliteConvEmitters.Register(emitters);
        TfliteMatrixEmitters.Register(emitters);
        TfliteElementwiseEmitters.Register(emitters);
        TfliteLayoutEmitters.Register(emitters);
        TfliteActivationEmitters.Register(emitters);
        TfliteQuantizeEmitters.Register(emitters);
        return emitters;
    }
}
