using System.IO;
using QuantizedModels.Generator.Reading.Onnx;

namespace QuantizedModels.TestSupport;

/// <summary>A serialized ONNX TensorProto (a backend test's input_K.pb / output_K.pb), read with the generator's reader.</summary>
public sealed record OnnxTensor(string ElementType, long[] Dims, float[] Values)
{
    public bool IsFloat32 => ElementType == "Float";

    public static OnnxTensor Read(string path)
    {
        var tensor = TensorProtoReader.ReadTensor(File.ReadAllBytes(path));
        return new OnnxTensor(tensor.Type.ToString(), tensor.Dims, tensor.ToFloats());
    }
}
