using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Emission;

/// <summary>A graph input or output as <c>Predict</c> exposes it: its parameter name and tensor.</summary>
internal sealed record InterfaceTensor(string Parameter, Value Value, bool IsInput)
{
    public string ElementType => CSharpTypes.Of(Value.Type);

    public string SpanType => (IsInput ? "global::System.ReadOnlySpan<" : "global::System.Span<") + ElementType + ">";

    /// <summary>An int8 tensor with one scale and zero point, which the float overload quantizes or dequantizes.</summary>
    public bool IsQuantized => Value.Type == Graph.ElementType.Int8 && Value.Quantization is { IsPerTensor: true };
}

/// <summary>An array an instance owns for Predict's working memory: a planned arena or a kernel scratch buffer.</summary>
internal sealed record WorkingBuffer(string Name, string ElementType, int Length, int ElementSize)
{
    public long Bytes => (long)Length * ElementSize;
}

/// <summary>
/// Writes the <c>Predict</c> overloads: the one over the graph's own element types that runs the layers, the
/// float one over quantized models (quantize in, run, dequantize out) and, for several tensors, the flat one.
/// </summary>
internal static class PredictWriter
{
    /// <param name="roundHalfToEven">The float overload quantizes as ONNX Runtime does (half to even) instead of as TFLite does.</param>
    public static void Write(SourceWriter writer, IReadOnlyList<InterfaceTensor> tensors, IReadOnlyList<string> quantizationNames, IReadOnlyList<WorkingBuffer> buffers, SourceWriter body, bool roundHalfToEven)
    {
        var single = tensors.Count == 2;
        if (tensors.Any(t => t.IsQuantized))
        {
            WriteFloatOverload(writer, tensors, quantizationNames, roundHalfToEven);
        }
        else if (!single && tensors.All(t => t.Value.Type == Graph.ElementType.Float))
        {
            // Integer tensors (ONNX integer operators) have no float form to concatenate into: only the typed overload.
            WriteFlatPredict(writer, tensors);
        }

        writer.WriteLine("/// <summary>Runs the model. Allocates nothing; an instance is not thread-safe (it owns one working arena).</summary>");
        WriteParameterDocs(writer, tensors, t => t.Value.Type == Graph.ElementType.Float ? "" : $" as raw {t.Value.Type.DisplayName()}");
        writer.WriteLine("/// <exception cref=\"global::System.ArgumentException\">A span's length differs from its tensor's element count.</exception>");
        writer.OpenBlock($"public void Predict({string.Join(", ", tensors.Select(t => t.SpanType + " " + t.Parameter))})");
        WriteLengthChecks(writer, tensors);
        foreach (var buffer in buffers)
        {
            writer.WriteLine($"global::System.Span<{buffer.ElementType}> {buffer.Name} = __{buffer.Name};");
        }

        foreach (var line in body.ToString().Split('\n').Where(l => l.Length > 0))
        {
            writer.WriteLine(line);
        }

        writer.CloseBlock();
    }

    private static void WriteFloatOverload(SourceWriter writer, IReadOnlyList<InterfaceTensor> tensors, IReadOnlyList<string> quantizationNames, bool roundHalfToEven)
    {
        writer.WriteLine("/// <summary>Runs the model on float values: quantizes the inputs, runs the integer layers, dequantizes the outputs. Allocates nothing.</summary>");
        WriteParameterDocs(writer, tensors, _ => "");
        writer.WriteLine("/// <exception cref=\"global::System.ArgumentException\">A span's length differs from its tensor's element count.</exception>");
        writer.WriteLine($"/// <remarks>Quantization rounds half {(roundHalfToEven ? "to even" : "away from zero")} and saturates; NaN becomes the zero point.</remarks>");
        writer.OpenBlock($"public void Predict({string.Join(", ", tensors.Select(t => (t.IsInput ? "global::System.ReadOnlySpan<float> " : "global::System.Span<float> ") + t.Parameter))})");
        WriteLengthChecks(writer, tensors);
        var arguments = new List<string>();
        for (var i = 0; i < tensors.Count; i++)
        {
            var t = tensors[i];
            if (!t.IsQuantized)
            {
                arguments.Add(t.Parameter);
                continue;
            }

            arguments.Add(StagingField(i));
            if (t.IsInput)
            {
                writer.WriteLine($"{EmitContext.Runtime}.Int8Quantize.{(roundHalfToEven ? "RunHalfToEven" : "Run")}({t.Parameter}, {StagingField(i)}, {quantizationNames[i]}Scale, {quantizationNames[i]}ZeroPoint);");
            }
        }

        writer.WriteLine($"Predict({string.Join(", ", arguments)});");
        for (var i = 0; i < tensors.Count; i++)
        {
            var t = tensors[i];
            if (t.IsQuantized && !t.IsInput)
            {
                writer.WriteLine($"{EmitContext.Runtime}.Int8Dequantize.Run({StagingField(i)}, {t.Parameter}, {quantizationNames[i]}Scale, {quantizationNames[i]}ZeroPoint);");
            }
        }

        writer.CloseBlock();
        writer.WriteLine();
    }

    /// <summary>The instance buffer the float overload quantizes tensor <paramref name="index"/> into (or dequantizes it from).</summary>
    public static string StagingField(int index) => "__staging" + index;

    private static void WriteParameterDocs(SourceWriter writer, IReadOnlyList<InterfaceTensor> tensors, System.Func<InterfaceTensor, string> suffix)
    {
        foreach (var t in tensors)
        {
            writer.WriteLine($"/// <param name=\"{t.Parameter.TrimStart('@')}\">'{Literals.Xml(t.Value.Name)}' {Shape.Format(t.Value.Dims)}, row-major{suffix(t)}.</param>");
        }
    }

    private static void WriteLengthChecks(SourceWriter writer, IReadOnlyList<InterfaceTensor> tensors)
    {
        foreach (var t in tensors)
        {
            var count = t.Value.ElementCount;
            writer.WriteLine($"if ({t.Parameter}.Length != {count}) {EmitContext.Runtime}.ThrowHelper.ThrowLengthMismatch(nameof({t.Parameter}), {count}, {t.Parameter}.Length);");
        }
    }

    private static void WriteFlatPredict(SourceWriter writer, IReadOnlyList<InterfaceTensor> tensors)
    {
        writer.WriteLine("/// <summary>Runs the model on all inputs concatenated in graph order, writing all outputs concatenated in graph order.</summary>");
        writer.WriteLine("/// <exception cref=\"global::System.ArgumentException\">A span's length differs from <see cref=\"InputLength\"/> or <see cref=\"OutputLength\"/>.</exception>");
        writer.OpenBlock("public void Predict(global::System.ReadOnlySpan<float> input, global::System.Span<float> output)");
        writer.WriteLine($"if (input.Length != InputLength) {EmitContext.Runtime}.ThrowHelper.ThrowLengthMismatch(nameof(input), InputLength, input.Length);");
        writer.WriteLine($"if (output.Length != OutputLength) {EmitContext.Runtime}.ThrowHelper.ThrowLengthMismatch(nameof(output), OutputLength, output.Length);");
        var arguments = new List<string>();
        long inputOffset = 0, outputOffset = 0;
        foreach (var t in tensors)
        {
            var count = t.Value.ElementCount;
            if (t.IsInput)
            {
                arguments.Add($"input.Slice({inputOffset}, {count})");
                inputOffset += count;
            }
            else
            {
                arguments.Add($"output.Slice({outputOffset}, {count})");
                outputOffset += count;
            }
        }

        writer.WriteLine($"Predict({string.Join(", ", arguments)});");
        writer.CloseBlock();
        writer.WriteLine();
    }
}
