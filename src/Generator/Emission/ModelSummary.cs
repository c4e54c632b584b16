using System.Collections.Generic;

namespace QuantizedModels.Generator.Emission;

/// <summary>
/// Facts about the model as the user wrote it (before passes), for the generated documentation.
/// <paramref name="Format"/> reads like "ONNX IR 8, opset 13"; <paramref name="Arithmetic"/> like "float32".
/// <see cref="Report"/> holds sentences about build-time quantization, when the build quantized the model.
/// </summary>
internal sealed record ModelSummary(string ModelPath, string Sha256, string GraphName, string Producer, string Format, string Arithmetic, IReadOnlyList<(string Op, int Count)> Operators)
{
    public IReadOnlyList<string> Report { get; init; } = new string[0];
}
