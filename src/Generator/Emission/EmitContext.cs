using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Diagnostics;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Passes.ShapeInference;
using QuantizedModels.Generator.Planning;

namespace QuantizedModels.Generator.Emission;

/// <summary>What an op emitter needs: span expressions for tensors, constants, and the writer.</summary>
internal sealed class EmitContext
{
    public const string Runtime = "global::QuantizedModels.Runtime";

    public EmitContext(ModelGraph graph, MemoryPlan plan, SourceWriter writer, IReadOnlyList<string> inputParameters, IReadOnlyList<string> outputParameters, WeightStorage weightStorage)
    {
        Graph = graph;
        WeightStorage = weightStorage;
        Plan = plan;
        Writer = writer;
        InputParameters = inputParameters;
        OutputParameters = outputParameters;
    }

    public ModelGraph Graph { get; }

    public MemoryPlan Plan { get; }

    public SourceWriter Writer { get; }

    public WeightTable Weights { get; } = new();

    /// <summary>How float layers' weights are baked (see <see cref="LayerWeights"/>).</summary>
    public WeightStorage WeightStorage { get; }

    /// <summary>Bytes the compactly stored layer weights would take as float32, and the bytes they take as stored.</summary>
    public (long Float32Bytes, long StoredBytes) EncodedWeights { get; set; }

    /// <summary>Length of the int8 scratch buffer kernels use within one call (im2col), the most any node asks for.</summary>
    public int ScratchInt8Length { get; private set; }

    public IReadOnlyList<string> InputParameters { get; }

    public IReadOnlyList<string> OutputParameters { get; }

    public ShapeContext Shape(Node node) => new(node, Graph);

    public long[] Dims(string name) => Graph.GetValue(name).Dims!;

    public int Count(string name) => checked((int)Graph.GetValue(name).ElementCount);

    public bool IsConstant(string name) => Graph.GetValue(name).Constant is not null;

    public float[] ConstantData(string name) => Graph.GetValue(name).Constant!.ToFloats();

    /// <summary>An expression of type <c>ReadOnlySpan&lt;float&gt;</c> (or <c>Span</c>) over the tensor; constants are converted to float.</summary>
    public string Read(string name)
    {
        var storage = Plan.Storage[name];
        return storage.Kind == StorageKind.Constant ? Weights.ForValue(name, () => Weights.Add(ConstantData(name))) : SpanOf(storage);
    }

    /// <summary>An expression of type <c>ReadOnlySpan&lt;T&gt;</c> over the tensor in its own element type (integer kernels' weights and biases).</summary>
    public string ReadStored(string name)
    {
        var storage = Plan.Storage[name];
        if (storage.Kind != StorageKind.Constant) return SpanOf(storage);
        var value = Graph.GetValue(name);
        return Weights.ForValue(name, () => Weights.Add(value.Type, checked((int)value.ElementCount), value.Constant!.Bytes));
    }

    /// <summary>A span of <paramref name="length"/> bytes of scratch memory, valid during one kernel call.</summary>
    public string ScratchInt8(int length)
    {
        if (length == 0) return "default";
        ScratchInt8Length = System.Math.Max(ScratchInt8Length, length);
        return $"{ScratchInt8Name}.Slice(0, {length})";
    }

    public const string ScratchInt8Name = "scratchInt8";

    /// <summary>Length of the int8 buffer int4 weights are unpacked into, the largest layer's weight count.</summary>
    public int UnpackedWeightsLength { get; private set; }

    public const string UnpackedWeightsName = "unpackedWeights";

    /// <summary>
    /// Registers int8 weights holding int4 values two a byte and returns the expression that unpacks them into the
    /// unpacked-weights buffer, a <c>ReadOnlySpan&lt;sbyte&gt;</c> for the int8 kernel that reads them next.
    /// </summary>
    public string Int4Weights(sbyte[] values)
    {
        UnpackedWeightsLength = System.Math.Max(UnpackedWeightsLength, values.Length);
        var packed = Weights.Add(ElementType.UInt8, global::QuantizedModels.Runtime.Int4Packing.PackedLength(values.Length), global::QuantizedModels.Runtime.Int4Packing.Pack(values));
        return $"{Runtime}.Int4Weights.Unpack({packed}, {UnpackedWeightsName}.Slice(0, {values.Length}))";
    }

    /// <summary>A <c>Span&lt;float&gt;</c> over the float scratch the planner placed for <paramref name="node"/> alone.</summary>
    public string Scratch(Node node) => SpanOf(Plan.Storage[ArenaPlanner.ScratchName(Graph.Nodes.IndexOf(node))]);

    /// <summary>The quantization of an integer tensor; a model that leaves it out cannot be compiled.</summary>
    public QuantizationInfo Quantization(Node node, string name) =>
        Graph.GetValue(name).Quantization ?? throw Unsupported(node, $"tensor '{name}' has no quantization parameters (scale and zero point)");

    /// <summary>An expression of type <c>Span&lt;float&gt;</c> the node writes its output through.</summary>
    public string Write(string name)
    {
        var storage = Plan.Storage[name];
        if (storage.Kind is StorageKind.Constant or StorageKind.Input)
        {
            throw new ModelException($"Tensor '{name}' is an input or constant and cannot be written.", DiagnosticIds.UnsupportedModel);
        }

        return SpanOf(storage);
    }

    public bool SameStorage(string a, string b) => Plan.Storage[a] is var x && Plan.Storage[b] is var y && x.Kind == y.Kind && x.Index == y.Index && x.Offset == y.Offset && x.Kind != StorageKind.Constant;

    public static string Activation(FusedActivation? activation) => activation switch
    {
        null => $"{Runtime}.Activation.None",
        { Kind: ActivationKind.Relu } => $"{Runtime}.Activation.Relu",
        { Kind: ActivationKind.LeakyRelu } a => $"{Runtime}.Activation.LeakyRelu({Literals.Float(a.Alpha)})",
        var a => $"{Runtime}.Activation.Clip({Literals.Float(a.Min)}, {Literals.Float(a.Max)})",
    };

    /// <summary>The error for a well-formed node that uses a feature the emitters do not support.</summary>
    public static ModelException Unsupported(Node node, string reason) => new($"Node {node.Describe()}: {reason}.", DiagnosticIds.UnsupportedModel);

    public static string Ints(IEnumerable<long> values) => Literals.IntArray(values.Select(v => checked((int)v)));

    private string SpanOf(Storage storage) => storage.Kind switch
    {
        StorageKind.Input => InputParameters[storage.Index],
        StorageKind.Output => OutputParameters[storage.Index],
        _ => $"{CSharpTypes.ArenaName(storage.Type)}.Slice({storage.Offset}, {storage.Length})",
    };
}
