using System;
using System.Collections.Generic;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Emission.Operators;

/// <summary>The float32 emitter for each supported operator; an op without one is reported as unsupported.</summary>
internal static class OperatorEmitters
{
    private static readonly Dictionary<string, Action<EmitContext, Node>> Emitters = Build();

    public static IEnumerable<string> SupportedOps => Emitters.Keys;

    public static bool TryGet(string opType, out Action<EmitContext, Node> emitter) => Emitters.TryGetValue(opType, out emitter!);

    private static Dictionary<string, Action<EmitContext, Node>> Build()
    {
        var emitters = new Dictionary<string, Action<EmitContext, Node>>();
        MatrixEmitters.Register(emitters);
        ConvEmitters.Register(emitters);
        ElementwiseEmitters.Register(emitters);
        LayoutEmitters.Register(emitters);
        return emitters;
    }
}
