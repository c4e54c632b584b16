using System.Linq;
using QuantizedModels.TestSupport;

namespace QuantizedModels.Build.Tests.Support;

/// <summary>
/// The fixture model <c>y = x + w</c> over float [1,64], written as an ONNX ModelProto (opset 13). The
/// initializer <c>w</c> stores bytes 0x00..0xFF as raw data, so the file holds every byte value and any
/// lossy text decoding on the way to the generator changes its hash.
/// </summary>
internal static class AllBytesModel
{
    public const string RelativePath = "Models/allbytes.onnx";

    private const int FloatElementType = 1;
    private static readonly long[] Shape = { 1, 64 };

    public static byte[] RawWeights { get; } = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

    public static byte[] Build()
    {
        var graph = new ProtoWriter()
            .Message(1, new ProtoWriter().String(1, "x").String(1, "w").String(2, "y").String(3, "add").String(4, "Add"))
            .String(2, "allbytes")
            .Message(5, Initializer("w"))
            .Message(11, TensorValue("x"))
            .Message(12, TensorValue("y"));

        return new ProtoWriter()
            .Int(1, 7)
            .String(2, "QuantizedModels.Build.Tests")
            .Message(7, graph)
            .Message(8, new ProtoWriter().String(1, "").Int(2, 13))
            .ToArray();
    }

    private static ProtoWriter Initializer(string name)
    {
        var tensor = new ProtoWriter();
        foreach (var dim in Shape)
        {
            tensor.Int(1, dim);
        }

        return tensor.Int(2, FloatElementType).String(8, name).Bytes(9, RawWeights);
    }

    private static ProtoWriter TensorValue(string name)
    {
        var shape = new ProtoWriter();
        foreach (var dim in Shape)
        {
            shape.Message(1, new ProtoWriter().Int(1, dim));
        }

        var tensorType = new ProtoWriter().Int(1, FloatElementType).Message(2, shape);
        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensorType));
    }
}
