using System;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace QuantizedModels.Generator.Tests.Support;

/// <summary>
/// Emits a generator run's output compilation, loads it into a collectible context and calls the generated
/// <c>Predict</c> through a small static shim (spans cannot be passed through reflection).
/// </summary>
internal sealed class CompiledModel : IDisposable
{
    private const string ShimName = "PredictShim";
    private readonly AssemblyLoadContext context;
    private readonly Func<float[], float[]> predict;

    private CompiledModel(Func<float[], float[]> predict, AssemblyLoadContext context)
    {
        this.predict = predict;
        this.context = context;
    }

    /// <summary>Compiles the run's output with a shim calling <c>new {modelClass}().Predict(input, output)</c>.</summary>
    public static CompiledModel Load(GeneratorRun run, string modelClass)
    {
        var shim = $$"""
            public static class {{ShimName}}
            {
                public static float[] Run(float[] input)
                {
                    var output = new float[{{modelClass}}.OutputLength];
                    new {{modelClass}}().Predict(input, output);
                    return output;
                }
            }
            """;
        var compilation = run.OutputCompilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(shim, GeneratorHarness.ParseOptions, "Shim.cs"));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        image.Position = 0;
        var context = new AssemblyLoadContext("generated-model", isCollectible: true);
        var method = context.LoadFromStream(image).GetType(ShimName)!.GetMethod("Run")!;
        return new CompiledModel(method.CreateDelegate<Func<float[], float[]>>(), context);
    }

    public float[] Predict(float[] input) => predict(input);

    public void Dispose() => context.Unload();
}
