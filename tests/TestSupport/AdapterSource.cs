using System;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace QuantizedModels.TestSupport;

/// <summary>
/// C# compiled next to a generated model so tests can reach its span-based members without reflection over
/// ref structs: the widest Predict overload taking arrays, and the shapes as arrays.
/// </summary>
internal static class AdapterSource
{
    public const string TypeName = "QuantizedModelsTestAdapter";

    public static (string Source, int Inputs, int Outputs) For(Compilation compilation, string typeName)
    {
        var type = compilation.GetTypeByMetadataName(typeName)
            ?? throw new InvalidOperationException($"The compilation has no type '{typeName}'.");
        var predict = type.GetMembers("Predict").OfType<IMethodSymbol>().OrderByDescending(m => m.Parameters.Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"'{typeName}' has no generated Predict method.");
        var inputs = predict.Parameters.Count(p => p.Type.Name == "ReadOnlySpan");
        var outputs = predict.Parameters.Length - inputs;

        var name = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var hasInt8 = type.GetMembers("Predict").OfType<IMethodSymbol>().Any(m => m.Parameters.Length == 2
            && m.Parameters.All(p => p.Type is INamedTypeSymbol { TypeArguments: [{ SpecialType: SpecialType.System_SByte }] }));
        var int8 = hasInt8
            ? $"public static void PredictInt8(object model, sbyte[] input, sbyte[] output) => (({name})model).Predict(input, output);"
            : "public static void PredictInt8(object model, sbyte[] input, sbyte[] output) => throw new System.NotSupportedException(\"The model has no int8 Predict overload.\");";
        // Integer tensors travel as floats (exact for 8-bit values and int32 below 2^24): converted in, copied back out.
        var elements = predict.Parameters.Select(p => ((INamedTypeSymbol)p.Type).TypeArguments[0].ToDisplayString()).ToArray();
        var arguments = string.Join(", ", elements.Select((element, i) => i < inputs
            ? (element == "float" ? $"inputs[{i}]" : $"System.Array.ConvertAll(inputs[{i}], v => ({element})v)")
            : (element == "float" ? $"outputs[{i - inputs}]" : $"typed{i}")));
        var typedOutputs = string.Concat(elements.Select((element, i) => i >= inputs && element != "float" ? $"var typed{i} = new {element}[outputs[{i - inputs}].Length]; " : ""));
        var copyBack = string.Concat(elements.Select((element, i) => i >= inputs && element != "float" ? $"for (var j = 0; j < typed{i}.Length; j++) outputs[{i - inputs}][j] = typed{i}[j]; " : ""));
        var source = $$"""
            internal static class {{TypeName}}
            {
                public static void Predict(object model, float[][] inputs, float[][] outputs) { {{typedOutputs}}(({{name}})model).Predict({{arguments}}); {{copyBack}}}
                public static int[] InputShape() => {{name}}.InputShape.ToArray();
                public static int[] OutputShape() => {{name}}.OutputShape.ToArray();
                {{int8}}
            }
            """;
        return (source, inputs, outputs);
    }
}
