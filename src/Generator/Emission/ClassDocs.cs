using System.Linq;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Emission;

/// <summary>The XML documentation of a generated model class: what model, its tensors, its operators.</summary>
internal static class ClassDocs
{
    public static void Write(SourceWriter writer, ModelSummary summary, ModelGraph graph)
    {
        writer.WriteLine("/// <summary>");
        writer.WriteLine($"/// Compiled from <c>{Literals.Xml(summary.ModelPath)}</c>{(summary.GraphName.Length > 0 ? $" (graph '{Literals.Xml(summary.GraphName)}')" : "")}, {summary.Arithmetic}.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine("/// <remarks>");
        writer.WriteLine($"/// <para>Producer: {Literals.Xml(summary.Producer.Length > 0 ? summary.Producer : "unknown")}; {summary.Format}; SHA-256 {summary.Sha256}.</para>");
        writer.WriteLine("/// <para>Inputs: " + string.Join(", ", graph.Inputs.Select(i => Tensor(graph, i))) + ".</para>");
        writer.WriteLine("/// <para>Outputs: " + string.Join(", ", graph.Outputs.Select(o => Tensor(graph, o))) + ".</para>");
        writer.WriteLine("/// <para>Operators: " + string.Join(", ", summary.Operators.Select(o => $"{Literals.Xml(o.Op)} x{o.Count}")) + $". After folding and fusion: {graph.Nodes.Count} {(graph.Nodes.Count == 1 ? "layer" : "layers")}.</para>");
        foreach (var line in summary.Report) writer.WriteLine($"/// <para>{Literals.Xml(line)}</para>");
        writer.WriteLine("/// <para>An instance owns its working memory and is not thread-safe: use one instance per thread.</para>");
        writer.WriteLine("/// </remarks>");
    }

    private static string Tensor(ModelGraph graph, string name)
    {
        var value = graph.GetValue(name);
        var text = $"'{Literals.Xml(name)}' {Shape.Format(value.Dims)}";
        if (value.Type == ElementType.Float) return text;
        var q = value.Quantization;
        return text + $" {value.Type.DisplayName()}" + (q is { IsPerTensor: true } ? $" (scale {Literals.Float(q.Scales[0]).TrimEnd('f')}, zero point {q.ZeroPoints[0]})" : "");
    }
}
