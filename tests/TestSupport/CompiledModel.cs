using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace QuantizedModels.TestSupport;

/// <summary>The model's signature as generated: one span of all inputs, one span of all outputs.</summary>
public delegate void SpanPredictor(ReadOnlySpan<float> input, Span<float> output);

/// <summary>
/// A generated model class compiled in memory and loaded into its own collectible context; dispose to unload it.
/// </summary>
public sealed class CompiledModel : IDisposable
{
    private readonly AssemblyLoadContext _context;
    private readonly object _instance;
    private readonly Action<object, float[][], float[][]> _predictEach;
    private readonly Action<object, sbyte[], sbyte[]> _predictInt8;

    private CompiledModel(AssemblyLoadContext context, Type type, Type adapter, int inputCount, int outputCount)
    {
        _context = context;
        _instance = Activator.CreateInstance(type)!;
        InputCount = inputCount;
        OutputCount = outputCount;
        var single = type.GetMethod("Predict", [typeof(ReadOnlySpan<float>), typeof(Span<float>)]);
        _predictSpan = single is null ? null : (SpanPredictor)Delegate.CreateDelegate(typeof(SpanPredictor), _instance, single);
        _predictEach = adapter.GetMethod("Predict")!.CreateDelegate<Action<object, float[][], float[][]>>();
        _predictInt8 = adapter.GetMethod("PredictInt8")!.CreateDelegate<Action<object, sbyte[], sbyte[]>>();
        InputShape = (int[])adapter.GetMethod("InputShape")!.Invoke(null, null)!;
        OutputShape = (int[])adapter.GetMethod("OutputShape")!.Invoke(null, null)!;
        InputLength = Constant<int>(type, "InputLength");
        OutputLength = Constant<int>(type, "OutputLength");
        ArenaBytes = Constant<int>(type, "ArenaBytes");
        WeightBytes = Constant<int>(type, "WeightBytes");
        ModelSha256 = Constant<string>(type, "ModelSha256");
    }

    private readonly SpanPredictor? _predictSpan;

    /// <summary>The generated float Predict bound to this instance; calling it allocates nothing of its own.</summary>
    public SpanPredictor PredictSpan => _predictSpan ?? throw new InvalidOperationException("The model has no Predict(ReadOnlySpan<float>, Span<float>): its graph inputs or outputs are integer tensors.");

    /// <summary>Whether the model has the float Predict over all inputs and outputs (not when they are integer tensors).</summary>
    public bool HasFloatPredict => _predictSpan is not null;

    public int InputCount { get; }

    public int OutputCount { get; }

    public int InputLength { get; }

    public int OutputLength { get; }

    public int ArenaBytes { get; }

    public int WeightBytes { get; }

    public string ModelSha256 { get; }

    public int[] InputShape { get; }

    public int[] OutputShape { get; }

    /// <summary>All inputs concatenated in graph order in, all outputs concatenated out.</summary>
    public void Predict(float[] input, float[] output) => PredictSpan(input, output);

    /// <summary>The widest generated overload: one array per graph input and per graph output.</summary>
    public void Predict(float[][] inputs, float[][] outputs) => _predictEach(_instance, inputs, outputs);

    /// <summary>The raw overload of a quantized model with one int8 input and output; throws for other models.</summary>
    public void PredictInt8(sbyte[] input, sbyte[] output) => _predictInt8(_instance, input, output);

    /// <summary>The generated class, for its optional members (e.g. WriteQdqOnnx).</summary>
    public Type ModelType => _instance.GetType();

    /// <summary>A public constant of the generated class, e.g. "InputScale".</summary>
    public T GetConstant<T>(string name) => Constant<T>(_instance.GetType(), name);

    public void Dispose() => _context.Unload();

    internal static CompiledModel Load(Compilation compilation, string typeName)
    {
        var adapter = AdapterSource.For(compilation, typeName);
        var withAdapter = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(adapter.Source, GeneratorHarness.ParseOptions, path: "Adapter.cs"));
        using var image = new MemoryStream();
        var emitted = withAdapter.Emit(image);
        if (!emitted.Success)
        {
            throw new InvalidOperationException($"Emitting {typeName} failed:\n" + string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        image.Position = 0;
        var context = new AssemblyLoadContext("QuantizedModels.Test." + typeName, isCollectible: true);
        var assembly = context.LoadFromStream(image);
        return new CompiledModel(context, assembly.GetType(typeName, throwOnError: true)!, assembly.GetType(AdapterSource.TypeName, throwOnError: true)!, adapter.Inputs, adapter.Outputs);
    }

    private static T Constant<T>(Type type, string name) =>
        (T)(type.GetField(name, BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue()
            ?? throw new InvalidOperationException($"{type} has no public constant {name}."));
}
