using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Passes;
using QuantizedModels.Generator.Tests.Support;
using Xunit;

namespace QuantizedModels.Generator.Tests.Passes;

public class ActivationFusionTests
{
    private static readonly string[] Producers = { "Conv", "Gemm", "Add" };

    private static readonly string[] Activations = { "Relu", "LeakyRelu", "Clip", "ClipMaxOnly", "ClipOpset6" };

    public static IEnumerable<object[]> Cases() =>
        from producer in Producers from activation in Activations select new object[] { producer, activation };

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_activation_with_constant_parameters_fuses_into_its_producer(string producer, string activation)
    {
        var g = new TestGraph(activation == "ClipOpset6" ? 6 : 13).Input("x", 1, 4).Output("y");
        g.Floats("lo", new long[0], -1f).Floats("hi", new long[0], 6f);
        var p = g.Node(producer, new[] { "x", "x" }, "t", 1, 4);
        var expected = AddActivation(g, activation);

        ActivationFusion.Run(g.Graph);

        Assert.Same(p, Assert.Single(g.Graph.Nodes));
        Assert.Equal("y", p.Outputs[0]);
        Assert.Equal(expected, p.Activation);
    }

    [Fact]
    public void A_clip_with_a_run_time_bound_is_not_fused()
    {
        var g = new TestGraph().Input("x", 1, 4).Input("hi", 1).Output("y");
        g.Floats("lo", new long[0], 0f);
        var conv = g.Node("Conv", new[] { "x", "x" }, "t", 1, 4);
        g.Node("Clip", new[] { "t", "lo", "hi" }, "y", 1, 4);

        ActivationFusion.Run(g.Graph);

        AssertNotFused(g, conv);
    }

    [Fact]
    public void A_relu_whose_input_has_another_reader_is_not_fused()
    {
        var g = new TestGraph().Input("x", 1, 4).Output("y").Output("z");
        var conv = g.Node("Conv", new[] { "x", "x" }, "t", 1, 4);
        g.Node("Relu", new[] { "t" }, "y", 1, 4);
        g.Node("Sigmoid", new[] { "t" }, "z", 1, 4);

        ActivationFusion.Run(g.Graph);

        AssertNotFused(g, conv);
    }

    [Fact]
    public void A_relu_whose_input_is_a_graph_output_is_not_fused()
    {
        var g = new TestGraph().Input("x", 1, 4).Output("t").Output("y");
        var conv = g.Node("Conv", new[] { "x", "x" }, "t", 1, 4);
        g.Node("Relu", new[] { "t" }, "y", 1, 4);

        ActivationFusion.Run(g.Graph);

        AssertNotFused(g, conv);
    }

    /// <summary>Adds the activation reading "t" and writing "y"; returns what fusing it must record.</summary>
    private static FusedActivation AddActivation(TestGraph g, string activation)
    {
        switch (activation)
        {
            case "Relu":
                g.Node("Relu", new[] { "t" }, "y", 1, 4);
                return new FusedActivation(ActivationKind.Relu, 0f, float.PositiveInfinity, 0f);
            case "LeakyRelu":
                g.Node("LeakyRelu", new[] { "t" }, "y", 1, 4).With("alpha", 0.2f);
                return new FusedActivation(ActivationKind.LeakyRelu, 0f, 0f, 0.2f);
            case "Clip":
                g.Node("Clip", new[] { "t", "lo", "hi" }, "y", 1, 4);
                return new FusedActivation(ActivationKind.Clip, -1f, 6f, 0f);
            case "ClipMaxOnly":
                g.Node("Clip", new[] { "t", "", "hi" }, "y", 1, 4);
                return new FusedActivation(ActivationKind.Clip, float.NegativeInfinity, 6f, 0f);
            default:
                g.Node("Clip", new[] { "t" }, "y", 1, 4).With("min", -2f).With("max", 3f);
                return new FusedActivation(ActivationKind.Clip, -2f, 3f, 0f);
        }
    }

    private static void AssertNotFused(TestGraph g, Node producer)
    {
        Assert.Null(producer.Activation);
        Assert.Equal("t", producer.Outputs[0]);
        Assert.Contains(g.Graph.Nodes, n => n.Inputs.Contains("t") && n.OpType is "Relu" or "Clip");
    }
}
