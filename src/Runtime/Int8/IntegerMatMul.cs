using System;
using System.Numerics;

namespace QuantizedModels.Runtime;

/// <summary>
/// ONNX MatMulInteger and QLinearMatMul on int8/uint8 operands: y[m][n] = sum_k (a[m][k] - a zero point) x (b[k][n] -
/// b zero point of column n), in int32, for each of <c>batch</c> row-major [m][k] x [k][n] products; b holds one
/// matrix for every batch or one per batch. QLinearMatMul requantizes each sum with ONNX Runtime's float form.
/// The operands are small in the models that use these forms, so this is the scalar loop only.
/// </summary>
public static class IntegerMatMul
{
    /// <summary>MatMulInteger: the int32 sums.</summary>
    public static void Run<TA, TB>(ReadOnlySpan<TA> a, ReadOnlySpan<TB> b, Span<int> y, in IntegerMatMulShape shape, int aZeroPoint, ReadOnlySpan<int> bZeroPoints)
        where TA : unmanaged, IBinaryInteger<TA>
        where TB : unmanaged, IBinaryInteger<TB>
    {
        shape.Check(a.Length, b.Length, y.Length, bZeroPoints.Length);
        for (int batch = 0; batch < shape.Batch; batch++)
        for (int row = 0; row < shape.M; row++)
        for (int col = 0; col < shape.N; col++)
        {
            y[(batch * shape.M + row) * shape.N + col] = Sum(a, b, shape, batch, row, col, aZeroPoint, bZeroPoints);
        }
    }

    /// <summary>
    /// MatMulInteger whose zero points are tensors read at run time (a graph input, DynamicQuantizeLinear's output):
    /// a's one value, b's one or one per column, each of its own integer type.
    /// </summary>
    public static void Run<TA, TB, TZA, TZB>(ReadOnlySpan<TA> a, ReadOnlySpan<TB> b, Span<int> y, in IntegerMatMulShape shape, ReadOnlySpan<TZA> aZeroPoint, ReadOnlySpan<TZB> bZeroPoints)
        where TA : unmanaged, IBinaryInteger<TA>
        where TB : unmanaged, IBinaryInteger<TB>
        where TZA : unmanaged, IBinaryInteger<TZA>
        where TZB : unmanaged, IBinaryInteger<TZB>
    {
        if (aZeroPoint.Length != 1) ThrowHelper.ThrowLengthMismatch(nameof(aZeroPoint), 1, aZeroPoint.Length);
        shape.Check(a.Length, b.Length, y.Length, bZeroPoints.Length);
        Span<int> bZeroPoint = stackalloc int[1];
        for (int col = 0; col < shape.N; col++)
        {
            bZeroPoint[0] = int.CreateTruncating(bZeroPoints[bZeroPoints.Length == 1 ? 0 : col]);
            for (int batch = 0; batch < shape.Batch; batch++)
            for (int row = 0; row < shape.M; row++)
            {
                y[(batch * shape.M + row) * shape.N + col] = Sum(a, b, shape, batch, row, col, int.CreateTruncating(aZeroPoint[0]), bZeroPoint);
            }
        }
    }

    /// <summary>QLinearMatMul with an int8 output: each sum requantized (zero point and range in the requantization).</summary>
    public static void Run<TA, TB>(ReadOnlySpan<TA> a, ReadOnlySpan<TB> b, Span<sbyte> y, in IntegerMatMulShape shape, int aZeroPoint, ReadOnlySpan<int> bZeroPoints, in Requantization requantization)
        where TA : unmanaged, IBinaryInteger<TA>
        where TB : unmanaged, IBinaryInteger<TB>
    {
        shape.Check(a.Length, b.Length, y.Length, bZeroPoints.Length);
        for (int batch = 0; batch < shape.Batch; batch++)
        for (int row = 0; row < shape.M; row++)
        for (int col = 0; col < shape.N; col++)
        {
            y[(batch * shape.M + row) * shape.N + col] = requantization.Apply(Sum(a, b, shape, batch, row, col, aZeroPoint, bZeroPoints), col);
        }
    }

    /// <summary>
    /// QLinearMatMul with a uint8 output. A uint8 result is the int8 one under zero point - 128 plus 128: the caller's
    /// requantization carries that offset, and the sign bit of each result is flipped here.
    /// </summary>
    public static void Run<TA, TB>(ReadOnlySpan<TA> a, ReadOnlySpan<TB> b, Span<byte> y, in IntegerMatMulShape shape, int aZeroPoint, ReadOnlySpan<int> bZeroPoints, in Requantization requantization)
        where TA : unmanaged, IBinaryInteger<TA>
        where TB : unmanaged, IBinaryInteger<TB>
    {
        Run(a, b, UnsignedInt8.AsSigned(y), shape, aZeroPoint, bZeroPoints, requantization);
        UnsignedInt8.FlipSignBits(y);
    }

    private static int Sum<TA, TB>(ReadOnlySpan<TA> a, ReadOnlySpan<TB> b, in IntegerMatMulShape shape, int batch, int row, int col, int aZeroPoint, ReadOnlySpan<int> bZeroPoints)
        where TA : unmanaged, IBinaryInteger<TA>
        where TB : unmanaged, IBinaryInteger<TB>
    {
        int bZeroPoint = bZeroPoints[bZeroPoints.Length == 1 ? 0 : col];
        int aBase = (batch * shape.M + row) * shape.K, bBase = (shape.BatchedB ? batch : 0) * shape.K * shape.N + col;
        int sum = 0;
        for (int i = 0; i < shape.K; i++)
        {
            sum += (int.CreateTruncating(a[aBase + i]) - aZeroPoint) * (int.CreateTruncating(b[bBase + i * shape.N]) - bZeroPoint);
        }

        return sum;
    }
}

/// <summary>The sizes of a batched integer matrix product; <see cref="BatchedB"/>: b holds one matrix per batch instead of one for all.</summary>
public readonly struct IntegerMatMulShape
{
    /// <summary>Batch products of [m][k] x [k][n].</summary>
    public IntegerMatMulShape(int batch, int m, int k, int n, bool batchedB)
    {
        Batch = batch;
        M = m;
        K = k;
        N = n;
        BatchedB = batchedB;
    }

    /// <summary>Number of products.</summary>
    public int Batch { get; }
    /// <summary>Rows of a and y.</summary>
    public int M { get; }
    /// <summary>Columns of a, rows of b.</summary>
    public int K { get; }
    /// <summary>Columns of b and y.</summary>
    public int N { get; }
    /// <summary>b holds one matrix per batch.</summary>
    public bool BatchedB { get; }

    internal void Check(int aLength, int bLength, int yLength, int bZeroPoints)
    {
        if (Batch < 0 || M < 0 || K < 0 || N < 0 || aLength != Batch * M * K || bLength != (BatchedB ? Batch : 1) * K * N ||
            yLength != Batch * M * N || !(bZeroPoints == 1 || bZeroPoints == N))
        {
            throw new ArgumentException("The integer matrix product's operands do not match its shape.");
        }
    }
}
