using System;
using System.Collections.Generic;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Passes.ShapeInference;

/// <summary>
/// ONNX QuantizeLinear and DequantizeLinear keep the shape; the element type is the zero point's (uint8 by default) or
/// float. MatMulInteger (int32) and QLinearMatMul (the output zero point's type) have MatMul's shape, ConvInteger
/// (int32) and QLinearConv (the output zero point's type) Conv's. DynamicQuantizeLinear gives uint8 values and a
/// scalar scale and zero point.
/// </summary>
internal static class QuantizeShapes
{
    public static void Register(Dictionary<string, Action<ShapeContext>> rules)
    {
        rules["QuantizeLinear"] = c => c.SetOutput(0, c.Node.HasInput(2) ? c.Input(2).Type : ElementType.UInt8, c.Dims(0));
        rules["DequantizeLinear"] = c => c.SetOutput(0, ElementType.Float, c.Dims(0));
        rules["MatMulInteger"] = c => c.SetOutput(0, ElementType.Int32, MatrixShapes.MatMulShape(c, c.Dims(0), c.Dims(1)));
        rules["DynamicQuantizeLinear"] = c =>
        {
            c.SetOutput(0, ElementType.UInt8, c.Dims(0));
            c.SetOutput(1, ElementType.Float, Array.Empty<long>());
            c.SetOutput(2, ElementType.UInt8, Array.Empty<long>());
        };
        rules["ConvInteger"] = c => ConvShapes.Conv(c, 1, ElementType.Int32);
        rules["QLinearConv"] = c => ConvShapes.Conv(c, 3, c.Node.HasInput(7) ? c.Input(7).Type : ElementType.UInt8);
        rules["QLinearMatMul"] = c => c.SetOutput(0, c.Node.HasInput(7) ? c.Input(7).Type : ElementType.UInt8, MatrixShapes.MatMulShape(c, c.Dims(0), c.Dims(3)));
    }
}
