using System;
using System.Collections.Generic;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Passes.ShapeInference;

internal static class ElementwiseShapes
{
    public static readonly string[] UnaryOps =
    {
        "Relu", "Clip", "LeakyRelu", "Sigmoid", "Tanh", "Sign", "HardSigmoid", "HardSwish", "Identity",
        "Softmax", "LogSoftmax", "BatchNormalization",
    };

    public static readonly string[] BinaryOps = { "Add", "Sub", "Mul", "Div" };

    public static void Register(Dictionary<string, Action<ShapeContext>> rules)
    {
        foreach (var op in UnaryOps) rules[op] = SameAsInput;
        foreach (var op in BinaryOps) rules[op] = BinaryBroadcast;
        rules["Dropout"] = Dropout;
        rules["Cast"] = Cast;
    }

    /// <summary>numpy broadcasting of two shapes, aligned at the right.</summary>
    public static long[] Broadcast(ShapeContext c, long[] a, long[] b)
    {
        var rank = Math.Max(a.Length, b.Length);
        var result = new long[rank];
        for (var i = 0; i < rank; i++)
        {
            var da = i - (rank - a.Length) >= 0 ? a[i - (rank - a.Length)] : 1;
            var db = i - (rank - b.Length) >= 0 ? b[i - (rank - b.Length)] : 1;
            if (da != db && da != 1 && db != 1)
            {
                throw c.Invalid($"shapes {Shape.Format(a)} and {Shape.Format(b)} do not broadcast.");
            }

            result[i] = da == 1 ? db : da;
        }

        return result;
    }

    private static void SameAsInput(ShapeContext c) => c.SetOutput(0, c.Input(0).Type, c.Dims(0));

    private static void BinaryBroadcast(ShapeContext c) => c.SetOutput(0, c.Input(0).Type, Broadcast(c, c.Dims(0), c.Dims(1)));

    private static void Dropout(ShapeContext c)
    {
        c.SetOutput(0, c.Input(0).Type, c.Dims(0));
        c.SetOutput(1, ElementType.Bool, c.Dims(0));
    }

    private static void Cast(ShapeContext c) => c.SetOutput(0, (ElementType)c.Node.GetInt("to", (long)ElementType.Float), c.Dims(0));
}
