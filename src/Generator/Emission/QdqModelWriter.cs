namespace QuantizedModels.Generator.Emission;

/// <summary>Writes the <c>ExportQdq</c> members: the QDQ ONNX model bytes and a method that writes them to a stream.</summary>
internal static class QdqModelWriter
{
    private const string DataName = "__QdqOnnxData";

    public static void Write(SourceWriter writer, byte[] model)
    {
        writer.WriteLine();
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// The graph as this build quantized it, as a QDQ ONNX model (opset 13): QuantizeLinear/DequantizeLinear pairs with the");
        writer.WriteLine("/// build's scales and zero points, int8 per-channel weights and int32 biases; for Netron or ONNX Runtime.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine($"public static global::System.ReadOnlySpan<byte> QdqOnnxModel => global::System.Runtime.InteropServices.MemoryMarshal.AsBytes({DataName}).Slice(0, {model.Length});");
        writer.WriteLine();
        writer.WriteLine("/// <summary>Writes <see cref=\"QdqOnnxModel\"/> (an .onnx file's bytes) to <paramref name=\"destination\"/>.</summary>");
        writer.WriteLine("public static void WriteQdqOnnx(global::System.IO.Stream destination) => destination.Write(QdqOnnxModel);");
        writer.WriteLine();
        WeightWriter.WriteData(writer, DataName, model);
    }
}
