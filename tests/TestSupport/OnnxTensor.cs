using System.IO;
using QuantizedModels.Generator.Reading.Onnx;

namespace QuantizedModels.TestSupport;

/// <summary>A serialized ONNX TensorProto (a backend test's input_K.pb / output_K.pb), read with the generator's reader.</summary>
public sealed record OnnxTensor(string ElementType, long[] Dims, float[] Values)
{
    public bool IsFloat32 => ElementType == "Float";

    /// <summary>An int8, uint8 or int32 tensor (test values are exact as floats: int32 ones stay below 2^24).</summary>
    public bool IsInteger => ElementType is "Int8" or "UInt8" or "Int32";

    public static OnnxTensor Read(string path)
    {
        var tensor = TensorProtoReader.ReadTensor(File.ReadAllBytes(path));
        return new OnnxTensor(tensor.Type.ToString(), tensor.Dims, tensor.ToFloats());
    }
}
