using QuantizedModels.Generator.Diagnostics;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Passes.ShapeInference;

namespace QuantizedModels.Generator.Quantization;

/// <summary>
/// The 2-D window of an ONNX Conv or pooling node on NCHW tensors, with ONNX's padding rules resolved: what both the
/// build-time evaluator and the int8 lowering read, so they agree.
/// </summary>
internal sealed record Window2D(
    int Batch, int InChannels, int InHeight, int InWidth, int OutChannels, int OutHeight, int OutWidth,
    int KernelHeight, int KernelWidth, int StrideHeight, int StrideWidth, int PadTop, int PadLeft, int DilationHeight, int DilationWidth)
{
    public static Window2D Of(ModelGraph graph, Node node)
    {
        var x = graph.GetValue(node.Inputs[0]).Dims!;
        var y = graph.GetValue(node.Outputs[0]).Dims!;
        if (x.Length != 4)
        {
            throw new ModelException($"Node {node.Describe()}: int8 build-time quantization handles 2-D windows (rank-4 tensors) only.", DiagnosticIds.UnsupportedModel);
        }

        var context = new ShapeContext(node, graph);
        var g = node.OpType == "Conv" ? ConvShapes.ConvGeometry(context) : ConvShapes.PoolGeometry(context);
        return new Window2D(
            (int)x[0], (int)x[1], (int)x[2], (int)x[3], (int)y[1], (int)y[2], (int)y[3],
            (int)g.Kernel[0], (int)g.Kernel[1], (int)g.Strides[0], (int)g.Strides[1], (int)g.PadBegin[0], (int)g.PadBegin[1], (int)g.Dilations[0], (int)g.Dilations[1]);
    }

    /// <summary>GlobalAveragePool as a window covering the whole image.</summary>
    public static Window2D Global(ModelGraph graph, Node node)
    {
        var x = graph.GetValue(node.Inputs[0]).Dims!;
        if (x.Length != 4)
        {
            throw new ModelException($"Node {node.Describe()}: int8 build-time quantization handles 2-D windows (rank-4 tensors) only.", DiagnosticIds.UnsupportedModel);
        }

        return new Window2D((int)x[0], (int)x[1], (int)x[2], (int)x[3], (int)x[1], 1, 1, (int)x[2], (int)x[3], 1, 1, 0, 0, 1, 1);
    }
}
