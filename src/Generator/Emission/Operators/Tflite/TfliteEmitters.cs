using System;
using System.Collections.Generic;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Emission.Operators.Tflite;

/// <summary>The integer emitter for each supported TensorFlow Lite builtin operator (domain "tflite").</summary>
internal static class TfliteEmitters
{
    private static readonly Dictionary<string, Action<EmitContext, Node>> Emitters = Build();

    public static bool TryGet(string opType, out Action<EmitContext, Node> emitter) => Emitters.TryGetValue(opType, out emitter!);

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
