using System;
using System.Linq;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Passes.ShapeInference;

/// <summary>
/// Output size and padding of a sliding window (Conv, pooling) per spatial axis, with ONNX's
/// auto_pad and ceil_mode rules. Shared by shape inference and emission so both agree.
/// </summary>
internal sealed class WindowGeometry
{
    private WindowGeometry(long[] kernel, long[] strides, long[] dilations, long[] padBegin, long[] padEnd, long[] output)
    {
        Kernel = kernel;
        Strides = strides;
        Dilations = dilations;
        PadBegin = padBegin;
        PadEnd = padEnd;
        Output = output;
    }

    public long[] Kernel { get; }

    public long[] Strides { get; }

    public long[] Dilations { get; }

    public long[] PadBegin { get; }

    public long[] PadEnd { get; }

    public long[] Output { get; }

    public static WindowGeometry Compute(ShapeContext c, long[] spatialInput, long[] kernel, bool ceilMode)
    {
        var n = spatialInput.Length;
        var node = c.Node;
        var strides = node.GetInts("strides") ?? Enumerable.Repeat(1L, n).ToArray();
        var dilations = node.GetInts("dilations") ?? Enumerable.Repeat(1L, n).ToArray();
        var pads = node.GetInts("pads") ?? new long[2 * n];
        if (kernel.Length != n || strides.Length != n || dilations.Length != n || pads.Length != 2 * n)
        {
            throw c.Invalid($"kernel_shape, strides, dilations and pads must match the {n} spatial dimensions.");
        }

        if (strides.Any(s => s <= 0) || dilations.Any(d => d <= 0) || kernel.Any(k => k <= 0))
        {
            throw c.Invalid("kernel_shape, strides and dilations must be positive.");
        }

        var autoPad = node.GetString("auto_pad", "NOTSET");
        var padBegin = new long[n];
        var padEnd = new long[n];
        var output = new long[n];
        for (var i = 0; i < n; i++)
        {
            var extent = ((kernel[i] - 1) * dilations[i]) + 1;
            switch (autoPad)
            {
                case "NOTSET":
                    padBegin[i] = pads[i];
                    padEnd[i] = pads[i + n];
                    var span = spatialInput[i] + padBegin[i] + padEnd[i] - extent;
                    if (span < 0) throw c.Invalid($"the window ({extent}) is larger than the padded input ({spatialInput[i] + padBegin[i] + padEnd[i]}) on spatial axis {i}.");
                    output[i] = (ceilMode ? CeilDiv(span, strides[i]) : span / strides[i]) + 1;
                    // A last window that would start entirely in the end padding is dropped (ONNX, PyTorch).
                    if (ceilMode && (output[i] - 1) * strides[i] >= spatialInput[i] + padBegin[i]) output[i]--;
                    break;
                case "VALID":
                    if (spatialInput[i] < extent) throw c.Invalid($"the window ({extent}) is larger than the input ({spatialInput[i]}) on spatial axis {i}.");
                    output[i] = ((spatialInput[i] - extent) / strides[i]) + 1;
                    break;
                case "SAME_UPPER":
                case "SAME_LOWER":
                    output[i] = CeilDiv(spatialInput[i], strides[i]);
                    var total = Math.Max(0, ((output[i] - 1) * strides[i]) + extent - spatialInput[i]);
                    var smaller = total / 2;
                    padBegin[i] = autoPad == "SAME_UPPER" ? smaller : total - smaller;
                    padEnd[i] = total - padBegin[i];
                    break;
                default:
                    throw c.Invalid($"auto_pad '{autoPad}' is not one of NOTSET, SAME_UPPER, SAME_LOWER, VALID.");
            }
        }

        return new WindowGeometry(kernel, strides, dilations, padBegin, padEnd, output);
    }

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;
}
