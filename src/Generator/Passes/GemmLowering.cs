using System.Linq;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Passes;

/// <summary>
/// Rewrites the Gemm forms the packed-weights kernel does not take into ones it does: a transposed run-time
/// A gets its own Transpose node (so the planner gives the transposed copy memory), and a run-time C
/// becomes an Add after the Gemm (scaled by beta with a Mul when beta is not 1).
/// </summary>
internal static class GemmLowering
{
    public static void Run(ModelGraph graph)
    {
        foreach (var gemm in graph.Nodes.Where(n => n.OpType == "Gemm").ToList())
        {
            if (gemm.GetInt("transA", 0) != 0 && !graph.GetValue(gemm.Inputs[0]).IsConstant)
            {
                TransposeA(graph, gemm);
            }

            if (gemm.HasInput(2) && !graph.GetValue(gemm.Input(2)).IsConstant)
            {
                AddC(graph, gemm);
            }
        }
    }

    private static void TransposeA(ModelGraph graph, Node gemm)
    {
        var a = graph.GetValue(gemm.Inputs[0]);
        var transposed = GraphEdits.AddFloatTensor(graph, a.Name + "_transposed", new[] { a.Dims![1], a.Dims[0] });
        var node = new Node(gemm.Name + "_transpose_a", "Transpose", "", new[] { a.Name }, new[] { transposed });
        node.Attributes["perm"] = new AttributeValue { Kind = AttributeKind.Ints, Ints = new long[] { 1, 0 } };
        graph.Nodes.Insert(graph.Nodes.IndexOf(gemm), node);
        gemm.Inputs[0] = transposed;
        gemm.Attributes["transA"] = new AttributeValue { Kind = AttributeKind.Int, Int = 0 };
    }

    private static void AddC(ModelGraph graph, Node gemm)
    {
        var c = gemm.Input(2);
        var output = gemm.Outputs[0];
        var product = GraphEdits.AddFloatTensor(graph, output + "_product", graph.GetValue(output).Dims!);
        gemm.Outputs[0] = product;
        gemm.Inputs.RemoveAt(2);
        var index = graph.Nodes.IndexOf(gemm) + 1;
        var beta = gemm.GetFloat("beta", 1f);
        if (beta != 1f)
        {
            var betaName = GraphEdits.AddConstant(graph, gemm.Name + "_beta", TensorData.FromFloats(new long[0], new[] { beta }));
            var scaled = GraphEdits.AddFloatTensor(graph, c + "_scaled", graph.GetValue(c).Dims!);
            graph.Nodes.Insert(index++, new Node(gemm.Name + "_scale_c", "Mul", "", new[] { c, betaName }, new[] { scaled }));
            c = scaled;
        }

        graph.Nodes.Insert(index, new Node(gemm.Name + "_add_c", "Add", "", new[] { product, c }, new[] { output }));
    }
}
