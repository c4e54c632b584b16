using System;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Reading.Onnx;

/// <summary>Reads an ONNX ModelProto (protobuf wire format) into the graph IR.</summary>
internal static class OnnxReader
{
    /// <param name="model">The model file's exact bytes.</param>
    /// <param name="resolveExternalData">Bytes of an external data file by its location relative to the model's folder, or null when the build was not given it.</param>
    public static ModelGraph Read(byte[] model, Func<string, byte[]?> resolveExternalData) => throw new NotImplementedException();
}
