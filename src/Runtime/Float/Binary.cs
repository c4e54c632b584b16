using System;
using System.Numerics.Tensors;

namespace QuantizedModels.Runtime;

/// <summary>Element-wise arithmetic of <see cref="Binary"/>.</summary>
public enum BinaryOp
{
    /// <summary>a + b.</summary>
    Add,
    /// <summary>a - b.</summary>
    Sub,
    /// <summary>a * b.</summary>
    Mul,
    /// <summary>a / b (IEEE: x / 0 is ±inf or NaN).</summary>
    Div,
}

/// <summary>Numpy-broadcasting binary arithmetic over up to 6 dims with a fused activation.</summary>
public static class Binary
{
    /// <summary>
    /// y = act(a op b) over <paramref name="outShape"/>; aStrides/bStrides are element strides (0 on broadcast dims).
    /// y may be the same span as a or b when that operand is not broadcast.
    /// </summary>
    public static void Run(BinaryOp op, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y,
                           ReadOnlySpan<int> outShape, ReadOnlySpan<int> aStrides, ReadOnlySpan<int> bStrides, Activation activation)
    {
        switch (op)
        {
            case BinaryOp.Add: Run(default(AddOp), a, b, y, outShape, aStrides, bStrides, activation); break;
            case BinaryOp.Sub: Run(default(SubOp), a, b, y, outShape, aStrides, bStrides, activation); break;
            case BinaryOp.Mul: Run(default(MulOp), a, b, y, outShape, aStrides, bStrides, activation); break;
            default: Run(default(DivOp), a, b, y, outShape, aStrides, bStrides, activation); break;
        }
    }

    private static void Run<TOp>(TOp op, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y,
                                 ReadOnlySpan<int> outShape, ReadOnlySpan<int> aStrides, ReadOnlySpan<int> bStrides,
                                 Activation activation) where TOp : struct, IBinaryOp
    {
        // Fold trailing dims into one row while both operands stay uniformly strided across them (equal shapes and
        // scalar operands collapse to a single row), then walk the remaining outer dims row by row.
        int rowLength = 1, aStep = 0, bStep = 0, outerRank = outShape.Length;
        if (outerRank > 0)
        {
            outerRank--;
            rowLength = outShape[outerRank];
            aStep = aStrides[outerRank];
            bStep = bStrides[outerRank];
            while (outerRank > 0 && rowLength > 0 &&
                   aStrides[outerRank - 1] == aStep * rowLength && bStrides[outerRank - 1] == bStep * rowLength)
            {
                outerRank--;
                rowLength *= outShape[outerRank];
            }
        }

        ReadOnlySpan<int> outerShape = outShape.Slice(0, outerRank);
        if (rowLength == 0 || TensorIndex.Count(outerShape) == 0)
        {
            return;
        }

        Span<int> index = stackalloc int[TensorIndex.MaxRank];
        index = index.Slice(0, outerRank);
        index.Clear();
        int yOffset = 0;
        do
        {
            int aOffset = TensorIndex.Offset(index, aStrides.Slice(0, outerRank));
            int bOffset = TensorIndex.Offset(index, bStrides.Slice(0, outerRank));
            Span<float> yRow = y.Slice(yOffset, rowLength);
            RunRow(op, a.Slice(aOffset), aStep, b.Slice(bOffset), bStep, yRow);
            activation.ApplyInPlace(yRow);
            yOffset += rowLength;
        }
        while (TensorIndex.Increment(index, outerShape));
    }

    private static void RunRow<TOp>(TOp op, ReadOnlySpan<float> a, int aStep, ReadOnlySpan<float> b, int bStep, Span<float> y)
        where TOp : struct, IBinaryOp
    {
        int n = y.Length;
        if (aStep == 1 && bStep == 1)
        {
            op.Apply(a.Slice(0, n), b.Slice(0, n), y);
        }
        else if (aStep == 1 && bStep == 0)
        {
            op.Apply(a.Slice(0, n), b[0], y);
        }
        else if (aStep == 0 && bStep == 1)
        {
            op.Apply(a[0], b.Slice(0, n), y);
        }
        else
        {
            for (int i = 0; i < n; i++)
            {
                y[i] = op.Apply(a[i * aStep], b[i * bStep]);
            }
        }
    }

    /// <summary>Scalar form, the specification the fast path is tested against.</summary>
    internal static void Reference(BinaryOp op, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y,
                                   ReadOnlySpan<int> outShape, ReadOnlySpan<int> aStrides, ReadOnlySpan<int> bStrides, Activation activation)
    {
        int count = TensorIndex.Count(outShape);
        for (int flat = 0; flat < count; flat++)
        {
            int aOffset = 0, bOffset = 0, rest = flat;
            for (int d = outShape.Length - 1; d >= 0; d--)
            {
                int i = rest % outShape[d];
                rest /= outShape[d];
                aOffset += i * aStrides[d];
                bOffset += i * bStrides[d];
            }

            float u = a[aOffset], v = b[bOffset];
            float r = op switch
            {
                BinaryOp.Add => u + v,
                BinaryOp.Sub => u - v,
                BinaryOp.Mul => u * v,
                _ => u / v,
            };
            y[flat] = activation.Apply(r);
        }
    }

    private interface IBinaryOp
    {
        float Apply(float a, float b);
        void Apply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y);
        void Apply(ReadOnlySpan<float> a, float b, Span<float> y);
        void Apply(float a, ReadOnlySpan<float> b, Span<float> y);
    }

    private readonly struct AddOp : IBinaryOp
    {
        public float Apply(float a, float b) => a + b;
        public void Apply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Add(a, b, y);
        public void Apply(ReadOnlySpan<float> a, float b, Span<float> y) => TensorPrimitives.Add(a, b, y);
        public void Apply(float a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Add(b, a, y);
    }

    private readonly struct SubOp : IBinaryOp
    {
        public float Apply(float a, float b) => a - b;
        public void Apply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Subtract(a, b, y);
        public void Apply(ReadOnlySpan<float> a, float b, Span<float> y) => TensorPrimitives.Subtract(a, b, y);
        public void Apply(float a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Subtract(a, b, y);
    }

    private readonly struct MulOp : IBinaryOp
    {
        public float Apply(float a, float b) => a * b;
        public void Apply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Multiply(a, b, y);
        public void Apply(ReadOnlySpan<float> a, float b, Span<float> y) => TensorPrimitives.Multiply(a, b, y);
        public void Apply(float a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Multiply(b, a, y);
    }

    private readonly struct DivOp : IBinaryOp
    {
        public float Apply(float a, float b) => a / b;
        public void Apply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Divide(a, b, y);
        public void Apply(ReadOnlySpan<float> a, float b, Span<float> y) => TensorPrimitives.Divide(a, b, y);
        public void Apply(float a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Divide(a, b, y);
    }
}
