using System.Linq;

namespace QuantizedModels.Generator.Passes.ShapeInference;

/// <summary>A reduction's axes (attribute before opset 18, input after) and its output shape.</summary>
internal sealed class ReduceSpec
{
    private ReduceSpec(int[] axes, long[] outputShape)
    {
        Axes = axes;
        OutputShape = outputShape;
    }

    /// <summary>Normalised reduced axes; empty means the node is a no-op copy.</summary>
    public int[] Axes { get; }

    public long[] OutputShape { get; }

    public static ReduceSpec Read(ShapeContext c)
    {
        var x = c.Dims(0);
        var raw = c.Opset >= 18 ? c.ConstInts(1) : c.Node.GetInts("axes");
        var keepDims = c.Node.GetInt("keepdims", 1) != 0;
        int[] axes;
        if (raw is null || raw.Length == 0)
        {
            axes = c.Node.GetInt("noop_with_empty_axes", 0) != 0 ? new int[0] : Enumerable.Range(0, x.Length).ToArray();
        }
        else
        {
            axes = raw.Select(a => c.NormalizeAxis(a, x.Length)).Distinct().OrderBy(a => a).ToArray();
        }

        var output = keepDims
            ? x.Select((d, i) => axes.Contains(i) ? 1 : d).ToArray()
            : x.Where((_, i) => !axes.Contains(i)).ToArray();
        return new ReduceSpec(axes, output);
    }
}
