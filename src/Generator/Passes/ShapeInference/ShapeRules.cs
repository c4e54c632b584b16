using System;
using System.Collections.Generic;

namespace QuantizedModels.Generator.Passes.ShapeInference;

/// <summary>Output shape rules per ONNX operator type (default domain).</summary>
internal static class ShapeRules
{
    private static readonly Dictionary<string, Action<ShapeContext>> Rules = Build();

    public static bool TryGet(string opType, out Action<ShapeContext> rule) => Rules.TryGetValue(opType, out rule!);

    private static Dictionary<string, Action<ShapeContext>> Build()
    {
        var rules = new Dictionary<string, Action<ShapeContext>>();
        MatrixShapes.Register(rules);
        ConvShapes.Register(rules);
        ElementwiseShapes.Register(rules);
        LayoutShapes.Register(rules);
        QuantizeShapes.Register(rules);
        return rules;
    }
}
