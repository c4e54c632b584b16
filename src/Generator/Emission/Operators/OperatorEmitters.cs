using System;
using System.Collections.Generic;
using QuantizedModels.Generator.Emission.Operators.LowBit;
using QuantizedModels.Generator.Emission.Operators.Tflite;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Quantization.LowBit;
using QuantizedModels.Generator.Reading.Tflite;

namespace QuantizedModels.Generator.Emission.Operators;

/// <summary>
/// The emitter for each supported operator: ONNX operators (default domain) compile to float32 kernels, TensorFlow
/// Lite builtins to integer kernels. An op without one is reported as unsupported.
/// </summary>
internal static class OperatorEmitters
{
    private static readonly Dictionary<string, Action<EmitContext, Node>> Emitters = Build();

    public static bool TryGet(Node node, out Action<EmitContext, Node> emitter)
    {
        if (node.Domain.Length == 0) return Emitters.TryGetValue(node.OpType, out emitter!);
        if (node.Domain == TfliteOperatorCodes.BuiltinDomain) return TfliteEmitters.TryGet(node.OpType, out emitter);
        if (node.Domain == LowBitLowering.Domain) return LowBitEmitters.TryGet(node.OpType, out emitter);
        emitter = null!;
        return false;
    }

    private static Dictionary<string, Action<EmitContext, Node>> Build()
    {
        var emitters = new Dictionary<string, Action<EmitContext, Node>>();
        MatrixEmitters.Register(emitters);
        ConvEmitters.Register(emitters);
        ElementwiseEmitters.Register(emitters);
        LayoutEmitters.Register(emitters);
        QuantizeLinearEmitters.Register(emitters);
        IntegerMatrixEmitters.Register(emitters);
        IntegerConvEmitters.Register(emitters);
        DynamicQuantizeEmitters.Register(emitters);
        CastEmitters.Register(emitters);
        return emitters;
    }
}
