using System;
using System.Numerics.Tensors;

namespace QuantizedModels.Runtime;

/// <summary>ONNX Softmax and LogSoftmax over the middle axis of [outer, axis, inner], max-subtracted for stability.</summary>
public static class Softmax
{
    // Bound of the stack chunk LogSoftmax sums exponentials through, so it can run in place without a buffer.
    private const int ChunkLength = 128;

    /// <summary>y = exp(x - max) / sum(exp(x - max)) along the axis; x and y may be the same span.</summary>
    public static void Run(ReadOnlySpan<float> x, Span<float> y, int outer, int axis, int inner)
    {
        if (inner != 1)
        {
            Reference(x, y, outer, axis, inner, log: false);
            return;
        }

        for (int o = 0; o < outer; o++)
        {
            ReadOnlySpan<float> xRow = x.Slice(o * axis, axis);
            Span<float> yRow = y.Slice(o * axis, axis);
            TensorPrimitives.Subtract(xRow, TensorPrimitives.Max(xRow), yRow);
            TensorPrimitives.Exp(yRow, yRow);
            TensorPrimitives.Divide(yRow, TensorPrimitives.Sum(yRow), yRow);
        }
    }

    /// <summary>y = x - max - log(sum(exp(x - max))) along the axis; x and y may be the same span.</summary>
    public static void RunLog(ReadOnlySpan<float> x, Span<float> y, int outer, int axis, int inner)
    {
        if (inner != 1)
        {
            Reference(x, y, outer, axis, inner, log: true);
            return;
        }

        Span<float> chunk = stackalloc float[ChunkLength];
        for (int o = 0; o < outer; o++)
        {
            ReadOnlySpan<float> xRow = x.Slice(o * axis, axis);
            Span<float> yRow = y.Slice(o * axis, axis);
            TensorPrimitives.Subtract(xRow, TensorPrimitives.Max(xRow), yRow);
            float sum = 0f;
            for (int start = 0; start < axis; start += ChunkLength)
            {
                Span<float> part = chunk.Slice(0, Math.Min(ChunkLength, axis - start));
                TensorPrimitives.Exp(yRow.Slice(start, part.Length), part);
                sum += TensorPrimitives.Sum(part);
            }

            TensorPrimitives.Subtract(yRow, MathF.Log(sum), yRow);
        }
    }

    /// <summary>
    /// Scalar form, the specification the fast path is tested against; also the path for inner &gt; 1, where the axis is
    /// strided (rare in the target models: classifier heads soften the last axis).
    /// </summary>
    internal static void Reference(ReadOnlySpan<float> x, Span<float> y, int outer, int axis, int inner, bool log)
    {
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                int first = o * axis * inner + i;
                float max = float.NegativeInfinity;
                for (int a = 0; a < axis; a++)
                {
                    max = MathF.Max(max, x[first + a * inner]);
                }

                float sum = 0f;
                for (int a = 0; a < axis; a++)
                {
                    sum += MathF.Exp(x[first + a * inner] - max);
                }

                float logSum = MathF.Log(sum);
                for (int a = 0; a < axis; a++)
                {
                    float shifted = x[first + a * inner] - max;
                    y[first + a * inner] = log ? shifted - logSum : MathF.Exp(shifted) / sum;
                }
            }
        }
    }
}
