using System.Linq;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Passes;

/// <summary>Queries and rewiring shared by the rewrite passes.</summary>
internal static class GraphEdits
{
    public static int ConsumerCount(ModelGraph graph, string value) =>
        graph.Nodes.Sum(n => n.Inputs.Count(i => i == value)) + graph.Outputs.Count(o => o == value);

    public static Node? Producer(ModelGraph graph, string value) => graph.Nodes.FirstOrDefault(n => n.Outputs.Contains(value));

    /// <summary>True when only <paramref name="consumer"/> reads the value and it is not a graph output.</summary>
    public static bool OnlyFeeds(ModelGraph graph, string value, Node consumer) =>
        !graph.Outputs.Contains(value) && graph.Nodes.Where(n => n != consumer).All(n => !n.Inputs.Contains(value)) && consumer.Inputs.Count(i => i == value) == 1;

    public static void ReplaceUses(ModelGraph graph, string from, string to)
    {
        foreach (var node in graph.Nodes)
        {
            for (var i = 0; i < node.Inputs.Count; i++)
            {
                if (node.Inputs[i] == from) node.Inputs[i] = to;
            }
        }
    }

    /// <summary>A graph sharing this one's values and nodes whose node list, value table, inputs and outputs can be edited on their own.</summary>
    public static ModelGraph ShallowCopy(ModelGraph graph)
    {
        var copy = new ModelGraph { Name = graph.Name, Producer = graph.Producer, IrVersion = graph.IrVersion };
        foreach (var entry in graph.OpsetImports) copy.OpsetImports[entry.Key] = entry.Value;
        foreach (var value in graph.Values.Values) copy.AddValue(value);
        copy.Nodes.AddRange(graph.Nodes);
        copy.Inputs.AddRange(graph.Inputs);
        copy.Outputs.AddRange(graph.Outputs);
        return copy;
    }

    /// <summary>Adds a new constant under a fresh name derived from <paramref name="baseName"/>.</summary>
    public static string AddConstant(ModelGraph graph, string baseName, TensorData data) =>
        graph.AddValue(new Value(FreshName(graph, baseName), data.Type, data.Dims, data)).Name;

    /// <summary>Adds a float tensor computed at run time under a fresh name derived from <paramref name="baseName"/>.</summary>
    public static string AddFloatTensor(ModelGraph graph, string baseName, long[] dims) =>
        graph.AddValue(new Value(FreshName(graph, baseName), ElementType.Float, dims)).Name;

    private static string FreshName(ModelGraph graph, string baseName)
    {
        var name = baseName;
        for (var i = 1; graph.Values.ContainsKey(name); i++) name = baseName + "_" + i;
        return name;
    }
}
