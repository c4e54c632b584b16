using System.Collections.Generic;
using System.Linq;

namespace QuantizedModels.Generator.Graph;

/// <summary>One operator application. Inputs and outputs name <see cref="Value"/>s; an empty name is an omitted optional input.</summary>
internal sealed class Node
{
    public Node(string name, string opType, string domain, IEnumerable<string> inputs, IEnumerable<string> outputs)
    {
        Name = name;
        OpType = opType;
        Domain = domain;
        Inputs = inputs.ToList();
        Outputs = outputs.ToList();
    }

    public string Name { get; set; }

    public string OpType { get; set; }

    /// <summary>Operator domain; "" is the default ONNX domain.</summary>
    public string Domain { get; }

    public List<string> Inputs { get; }

    public List<string> Outputs { get; }

    public Dictionary<string, AttributeValue> Attributes { get; } = new();

    /// <summary>Activation fused into this node's output by the fusion pass, or null.</summary>
    public FusedActivation? Activation { get; set; }

    public string Input(int index) => index < Inputs.Count ? Inputs[index] : "";

    public bool HasInput(int index) => Input(index).Length > 0;

    public long GetInt(string name, long defaultValue) => Attributes.TryGetValue(name, out var a) && a.Kind == AttributeKind.Int ? a.Int : defaultValue;

    public float GetFloat(string name, float defaultValue) => Attributes.TryGetValue(name, out var a) && a.Kind == AttributeKind.Float ? a.Float : defaultValue;

    public string GetString(string name, string defaultValue) => Attributes.TryGetValue(name, out var a) && a.Kind == AttributeKind.String ? a.String! : defaultValue;

    public long[]? GetInts(string name) => Attributes.TryGetValue(name, out var a) && a.Kind == AttributeKind.Ints ? a.Ints.ToArray() : null;

    public float[]? GetFloats(string name) => Attributes.TryGetValue(name, out var a) && a.Kind == AttributeKind.Floats ? a.Floats.ToArray() : null;

    public string Describe() => $"'{(Name.Length > 0 ? Name : Outputs.FirstOrDefault())}' ({OpType})";
}
