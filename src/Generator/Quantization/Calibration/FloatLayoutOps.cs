using System;
using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Passes.ShapeInference;

namespace QuantizedModels.Generator.Quantization.Calibration;

/// <summary>Concat, Transpose and constant-mode Pad of the build-time float evaluator, on row-major tensors of any rank, and the 2-D transpose weight packing uses.</summary>
internal static class FloatLayoutOps
{
    /// <summary>Each input's block of <c>dims[axis] x inner</c> values is copied into its place in every outer row of the output.</summary>
    public static float[] Concat(IReadOnlyList<(float[] Values, long[] Dims)> inputs, long[] output, int axis)
    {
        var inner = (int)Shape.ElementCount(Slice(output, axis + 1, output.Length));
        var outer = (int)Shape.ElementCount(Slice(output, 0, axis));
        var rowWidth = (int)output[axis] * inner;
        var y = new float[outer * rowWidth];
        var offset = 0;
        foreach (var (values, dims) in inputs)
        {
            var width = (int)dims[axis] * inner;
            for (var row = 0; row < outer; row++) Array.Copy(values, row * width, y, row * rowWidth + offset, width);
            offset += width;
        }

        return y;
    }

    /// <summary>The input placed at its begin pads inside an output filled with the constant.</summary>
    public static float[] Pad(float[] x, long[] dims, PadSpec spec)
    {
        var output = spec.OutputShape(dims);
        var y = new float[Shape.ElementCount(output)];
        if (spec.Value != 0) y.AsSpan().Fill(spec.Value);
        for (var i = 0; i < x.Length; i++)
        {
            long rest = i, target = 0, stride = 1;
            for (var d = dims.Length - 1; d >= 0; d--)
            {
                target += (rest % dims[d] + spec.Pads[d]) * stride;
                rest /= dims[d];
                stride *= output[d];
            }

            y[target] = x[i];
        }

        return y;
    }

    /// <summary>Output element i reads the input element whose index along axis perm[d] is output index d.</summary>
    public static float[] Transpose(float[] x, long[] dims, long[] perm)
    {
        var output = perm.Select(p => dims[p]).ToArray();
        var inputStrides = new long[dims.Length];
        for (long d = dims.Length - 1, stride = 1; d >= 0; stride *= dims[d], d--) inputStrides[d] = stride;
        var y = new float[x.Length];
        for (var i = 0; i < y.Length; i++)
        {
            long rest = i, source = 0;
            for (var d = output.Length - 1; d >= 0; d--)
            {
                source += (rest % output[d]) * inputStrides[perm[d]];
                rest /= output[d];
            }

            y[i] = x[source];
        }

        return y;
    }

    /// <summary>A row-major [rows, columns] matrix as [columns, rows].</summary>
    public static float[] TransposeMatrix(float[] values, int rows, int columns)
    {
        var result = new float[values.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++) result[c * rows + r] = values[r * columns + c];
        }

        return result;
    }

    private static long[] Slice(long[] dims, int start, int end)
    {
        var result = new long[end - start];
        Array.Copy(dims, start, result, 0, result.Length);
        return result;
    }
}
