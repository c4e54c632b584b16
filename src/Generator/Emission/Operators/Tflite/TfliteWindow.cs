using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Emission.Operators.Tflite;

/// <summary>
/// TFLite's output size and padding for a window op (ComputePaddingHeightWidth): SAME pads the total shortfall
/// with the smaller half on top/left, VALID pads nothing. The result is checked against the declared output.
/// EXPLICIT (not a TFLite mode: what build-time quantization of ONNX windows produces) takes the leading pad from the
/// node's pad_top / pad_left attributes and the output size from the tensor.
/// </summary>
internal sealed record TfliteWindow(int Stride, int Dilation, int Kernel, int Input, int Output, int PadBefore)
{
    public static TfliteWindow Compute(Node node, string padding, int input, int kernel, int stride, int dilation, long declaredOutput, string padAttribute)
    {
        if (stride < 1 || dilation < 1) throw EmitContext.Unsupported(node, $"stride {stride} and dilation {dilation} must be at least 1");
        var effectiveKernel = (kernel - 1) * dilation + 1;
        if (padding == "EXPLICIT")
        {
            var pad = (int)node.GetInt(padAttribute, 0);
            if (pad < 0 || declaredOutput < 1 || (declaredOutput - 1) * stride - pad >= input) throw new ModelException($"Node {node.Describe()}: a leading pad of {pad} with {declaredOutput} outputs does not fit an input of {input}.");
            return new TfliteWindow(stride, dilation, kernel, input, (int)declaredOutput, pad);
        }

        var output = padding switch
        {
            "SAME" => (input + stride - 1) / stride,
            "VALID" => (input + stride - effectiveKernel) / stride,
            _ => throw EmitContext.Unsupported(node, $"padding {padding} is not supported"),
        };

        if (output != declaredOutput)
        {
            throw new ModelException($"Node {node.Describe()}: {padding} padding of {input} with a window of {kernel}, stride {stride}, dilation {dilation} gives {output}, but the output tensor declares {declaredOutput}.");
        }

        var total = (output - 1) * stride + effectiveKernel - input;
        return new TfliteWindow(stride, dilation, kernel, input, output, total > 0 ? total / 2 : 0);
    }
}
