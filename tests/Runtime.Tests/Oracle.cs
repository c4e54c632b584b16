using System;

namespace QuantizedModels.Runtime.Tests;

/// <summary>
/// Naive double-precision implementations of the ONNX operators, written from the operator spec and independent of
/// the runtime's code: the ground truth every kernel and every runtime Reference is compared with.
/// </summary>
internal static class Oracle
{
    public static double Activate(Activation act, double x) => act.Kind switch
    {
        ActivationKind.Relu => double.IsNaN(x) ? x : Math.Max(x, 0),
        ActivationKind.Clip => double.IsNaN(x) ? x : Math.Min(Math.Max(x, act.Min), act.Max),
        ActivationKind.LeakyRelu => x < 0 ? x * act.Alpha : x,
        _ => x,
    };

    public static double[] Gemm(float[] a, float[] bt, float[] bias, int m, int n, int k, Activation act)
    {
        var y = new double[m * n];
        for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++)
        {
            double sum = bias.Length == 0 ? 0 : bias.Length == n ? bias[j] : bias[i * n + j];
            for (int p = 0; p < k; p++)
            {
                sum += (double)a[i * k + p] * bt[j * k + p];
            }

            y[i * n + j] = Activate(act, sum);
        }

        return y;
    }

    public static double[] MatMul(float[] a, float[] b, int batch, int m, int n, int k, bool broadcastA, bool broadcastB)
    {
        var y = new double[batch * m * n];
        for (int p = 0; p < batch; p++)
        for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++)
        {
            double sum = 0;
            for (int q = 0; q < k; q++)
            {
                double av = a[(broadcastA ? 0 : p * m * k) + i * k + q];
                double bv = b[(broadcastB ? 0 : p * k * n) + q * n + j];
                sum += av * bv;
            }

            y[(p * m + i) * n + j] = sum;
        }

        return y;
    }

    public static double[] Conv2D(float[] x, float[] w, float[] bias, Conv2DShape s, Activation act)
    {
        var y = new double[s.Batch * s.OutChannels * s.OutHeight * s.OutWidth];
        int cg = s.InChannels / s.Groups, mg = s.OutChannels / s.Groups;
        for (int b = 0; b < s.Batch; b++)
        for (int m = 0; m < s.OutChannels; m++)
        for (int oh = 0; oh < s.OutHeight; oh++)
        for (int ow = 0; ow < s.OutWidth; ow++)
        {
            double sum = bias.Length == 0 ? 0 : bias[m];
            int group = m / mg;
            for (int c = 0; c < cg; c++)
            for (int kh = 0; kh < s.KernelHeight; kh++)
            for (int kw = 0; kw < s.KernelWidth; kw++)
            {
                // Zero padding: positions off the input contribute nothing.
                int ih = oh * s.StrideHeight + kh * s.DilationHeight - s.PadTop;
                int iw = ow * s.StrideWidth + kw * s.DilationWidth - s.PadLeft;
                if (ih >= 0 && ih < s.InHeight && iw >= 0 && iw < s.InWidth)
                {
                    int channel = group * cg + c;
                    sum += (double)x[((b * s.InChannels + channel) * s.InHeight + ih) * s.InWidth + iw] *
                           w[((m * cg + c) * s.KernelHeight + kh) * s.KernelWidth + kw];
                }
            }

            y[((b * s.OutChannels + m) * s.OutHeight + oh) * s.OutWidth + ow] = Activate(act, sum);
        }

        return y;
    }

    /// <summary>Pooling per ONNX: max ignores pads (NaN propagates); average divides by input taps or padded-input taps.</summary>
    public static double[] Pool(float[] x, Pool2DShape s, bool max, bool countIncludePad)
    {
        var y = new double[s.Batch * s.Channels * s.OutHeight * s.OutWidth];
        for (int p = 0; p < s.Batch * s.Channels; p++)
        for (int oh = 0; oh < s.OutHeight; oh++)
        for (int ow = 0; ow < s.OutWidth; ow++)
        {
            double acc = max ? double.NegativeInfinity : 0;
            int inputTaps = 0, paddedTaps = 0;
            for (int kh = 0; kh < s.KernelHeight; kh++)
            {
                int ih = oh * s.StrideHeight + kh * s.DilationHeight - s.PadTop;
                for (int kw = 0; kw < s.KernelWidth; kw++)
                {
                    int iw = ow * s.StrideWidth + kw * s.DilationWidth - s.PadLeft;
                    if (ih >= -s.PadTop && ih < s.InHeight + s.PadBottom && iw >= -s.PadLeft && iw < s.InWidth + s.PadRight)
                    {
                        paddedTaps++;
                    }

                    if (ih < 0 || ih >= s.InHeight || iw < 0 || iw >= s.InWidth)
                    {
                        continue;
                    }

                    inputTaps++;
                    double v = x[(p * s.InHeight + ih) * s.InWidth + iw];
                    acc = max ? (double.IsNaN(v) || double.IsNaN(acc) ? double.NaN : Math.Max(acc, v)) : acc + v;
                }
            }

            y[(p * s.OutHeight + oh) * s.OutWidth + ow] = max ? acc : acc / (countIncludePad ? paddedTaps : inputTaps);
        }

        return y;
    }

    /// <summary>Numpy broadcasting of a and b (right-aligned shapes) into outShape.</summary>
    public static double[] Binary(BinaryOp op, float[] a, int[] aShape, float[] b, int[] bShape, int[] outShape, Activation act)
    {
        int count = 1;
        foreach (int d in outShape)
        {
            count *= d;
        }

        var y = new double[count];
        var index = new int[outShape.Length];
        for (int flat = 0; flat < count; flat++)
        {
            int rest = flat;
            for (int d = outShape.Length - 1; d >= 0; d--)
            {
                index[d] = rest % outShape[d];
                rest /= outShape[d];
            }

            double u = a[BroadcastOffset(index, aShape)], v = b[BroadcastOffset(index, bShape)];
            double r = op switch
            {
                BinaryOp.Add => u + v,
                BinaryOp.Sub => u - v,
                BinaryOp.Mul => u * v,
                _ => u / v,
            };
            y[flat] = Activate(act, r);
        }

        return y;
    }

    private static int BroadcastOffset(int[] outIndex, int[] shape)
    {
        int offset = 0, shift = outIndex.Length - shape.Length;
        for (int d = 0; d < shape.Length; d++)
        {
            offset = offset * shape[d] + (shape[d] == 1 ? 0 : outIndex[d + shift]);
        }

        return offset;
    }

    public static double[] Softmax(float[] x, int outer, int axis, int inner, bool log)
    {
        var y = new double[x.Length];
        for (int o = 0; o < outer; o++)
        for (int i = 0; i < inner; i++)
        {
            double max = double.NegativeInfinity;
            for (int a = 0; a < axis; a++)
            {
                max = Math.Max(max, x[(o * axis + a) * inner + i]);
            }

            double sum = 0;
            for (int a = 0; a < axis; a++)
            {
                sum += Math.Exp(x[(o * axis + a) * inner + i] - max);
            }

            for (int a = 0; a < axis; a++)
            {
                double z = x[(o * axis + a) * inner + i] - max;
                y[(o * axis + a) * inner + i] = log ? z - Math.Log(sum) : Math.Exp(z) / sum;
            }
        }

        return y;
    }

    public static double[] Transpose(float[] x, int[] inShape, int[] perm)
    {
        int rank = inShape.Length;
        var outShape = new int[rank];
        for (int d = 0; d < rank; d++)
        {
            outShape[d] = inShape[perm[d]];
        }

        var y = new double[x.Length];
        var inIndex = new int[rank];
        for (int flat = 0; flat < x.Length; flat++)
        {
            int rest = flat;
            for (int d = rank - 1; d >= 0; d--)
            {
                inIndex[perm[d]] = rest % outShape[d];
                rest /= outShape[d];
            }

            int offset = 0;
            for (int d = 0; d < rank; d++)
            {
                offset = offset * inShape[d] + inIndex[d];
            }

            y[flat] = x[offset];
        }

        return y;
    }

    /// <summary>Pad by stepping an outside position back into range one reflection/wrap at a time.</summary>
    public static double[] Pad(float[] x, int[] inShape, int[] pads, PadMode mode, float value)
    {
        int rank = inShape.Length;
        var outShape = new int[rank];
        int count = 1;
        for (int d = 0; d < rank; d++)
        {
            outShape[d] = inShape[d] + pads[d] + pads[rank + d];
            count *= outShape[d];
        }

        var y = new double[count];
        for (int flat = 0; flat < count; flat++)
        {
            int rest = flat, offset = 0, stride = 1;
            bool constant = false;
            for (int d = rank - 1; d >= 0; d--)
            {
                int i = rest % outShape[d] - pads[d], n = inShape[d];
                rest /= outShape[d];
                while (i < 0 || i >= n)
                {
                    if (mode == PadMode.Constant)
                    {
                        constant = true;
                        break;
                    }

                    i = mode switch
                    {
                        PadMode.Edge => i < 0 ? 0 : n - 1,
                        PadMode.Wrap => i < 0 ? i + n : i - n,
                        _ => n == 1 ? 0 : i < 0 ? -i : 2 * (n - 1) - i,
                    };
                }

                offset += i * stride;
                stride *= n;
            }

            y[flat] = constant ? value : x[offset];
        }

        return y;
    }

    public static double[] ReduceMean(float[] x, int[] inShape, int reduceMask)
    {
        int rank = inShape.Length;
        int keptCount = 1;
        for (int d = 0; d < rank; d++)
        {
            keptCount *= (reduceMask & (1 << d)) != 0 ? 1 : inShape[d];
        }

        var sums = new double[keptCount];
        var counts = new int[keptCount];
        for (int flat = 0; flat < x.Length; flat++)
        {
            int rest = flat, yFlat = 0, yStride = 1;
            for (int d = rank - 1; d >= 0; d--)
            {
                int i = rest % inShape[d];
                rest /= inShape[d];
                if ((reduceMask & (1 << d)) == 0)
                {
                    yFlat += i * yStride;
                    yStride *= inShape[d];
                }
            }

            sums[yFlat] += x[flat];
            counts[yFlat]++;
        }

        for (int i = 0; i < keptCount; i++)
        {
            sums[i] /= counts[i];
        }

        return sums;
    }
}
