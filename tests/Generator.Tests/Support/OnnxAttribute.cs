using QuantizedModels.TestSupport;

namespace QuantizedModels.Generator.Tests.Support;

/// <summary>An ONNX <c>AttributeProto</c> (name 1, f 2, i 3, s 4, floats 7, ints 8, type 20).</summary>
internal static class OnnxAttribute
{
    public static ProtoWriter Int(string name, long value) => new ProtoWriter().String(1, name).Int(3, value).Int(20, 2);

    public static ProtoWriter Float(string name, float value) => new ProtoWriter().String(1, name).Float(2, value).Int(20, 1);

    public static ProtoWriter String(string name, string value) => new ProtoWriter().String(1, name).String(4, value).Int(20, 3);

    public static ProtoWriter Ints(string name, params long[] values) => new ProtoWriter().String(1, name).PackedVarints(8, values).Int(20, 7);
}
