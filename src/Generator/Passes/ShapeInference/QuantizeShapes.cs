using System;
using System.Collections.Generic;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Passes.ShapeInference;

/// <summary>ONNX QuantizeLinear and DequantizeLinear keep the shape; the element type is the zero point's (uint8 by default) or float.</summary>
internal static class QuantizeShapes
{
    public static void Register(Dictionary<string, Action<ShapeContext>> rules)
    {
        rules["QuantizeLinear"] = c => c.SetOutput(0, c.Node.HasInput(2) ? c.Input(2).Type : ElementType.UInt8, c.Dims(0));
        rules["DequantizeLinear"] = c => c.SetOutput(0, ElementType.Float, c.Dims(0));
    }
}
