using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

// AvxVnni is marked preview only in the net8.0 reference assemblies (see Int8Dot.cs).
#pragma warning disable CA2252

namespace QuantizedModels.Runtime;

/// <summary>
/// C[M, N] = requantize(A[M, K] x B[K, N] + bias) with B packed at build time by <see cref="Int8GemmPacking"/>
/// (the input offset folded into the bias): FULLY_CONNECTED with M = batch, and the core of
/// <see cref="Int8PackedConv2D"/>. Equal bit for bit to <see cref="Int8FullyConnected"/> on the unpacked weights.
/// </summary>
public static class Int8PackedGemm
{
    private const int Rows = 4;
    private const int Block = Int8GemmPacking.BlockChannels;
    private const int GroupBytes = Int8GemmPacking.BlockChannels * Int8GemmPacking.BlockDepth;

    /// <summary>The best path a call may take; tests lower it to reach every path on one machine.</summary>
    internal static Int8GemmPath MaxPath = Int8GemmPath.AvxVnni;

    /// <summary>
    /// Runs the GEMM. a: [m][k] row-major; packedWeights and packedBias: <see cref="Int8GemmPacking.PackWeights"/>
    /// and <see cref="Int8GemmPacking.PackBias"/> of the [n][k] weights; c: [m][n].
    /// </summary>
    public static void Run(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> packedWeights, ReadOnlySpan<int> packedBias, Span<sbyte> c,
                           int m, int n, int k, in Requantization requantization)
    {
        if (m < 0 || n < 0 || k < 0 || a.Length < m * k || c.Length < m * n ||
            packedWeights.Length < Int8GemmPacking.PackedWeightsLength(n, k) || packedBias.Length < Int8GemmPacking.PackedBiasLength(n) ||
            (requantization.ChannelCount != 1 && requantization.ChannelCount < n) ||
            (!requantization.IsFloat && !requantization.IsShiftOnly && requantization.Shifts.Length != requantization.Multipliers.Length))
        {
            throw new ArgumentException("The GEMM operands do not match m, n and k.");
        }

        if (m == 0 || n == 0)
        {
            return;
        }

        ref sbyte aRef = ref MemoryMarshal.GetReference(a);
        ref sbyte wRef = ref MemoryMarshal.GetReference(packedWeights);
        ref int biasRef = ref MemoryMarshal.GetReference(packedBias);
        ref sbyte cRef = ref MemoryMarshal.GetReference(c);
        if (AvxVnni.IsSupported && MaxPath >= Int8GemmPath.AvxVnni)
        {
            Run256<VnniStep, (Vector256<sbyte>, Vector256<sbyte>)>(ref aRef, ref wRef, ref biasRef, ref cRef, m, n, k, requantization);
        }
        else if (Avx2.IsSupported && MaxPath >= Int8GemmPath.Avx2)
        {
            Run256<Avx2Step, (Vector256<short>, Vector256<short>, Vector256<short>, Vector256<short>)>(
                ref aRef, ref wRef, ref biasRef, ref cRef, m, n, k, requantization);
        }
        else if (Vector128.IsHardwareAccelerated && MaxPath >= Int8GemmPath.Vector128)
        {
            Run128(ref aRef, ref wRef, ref biasRef, ref cRef, m, n, k, requantization);
        }
        else
        {
            RunScalar(a, packedWeights, packedBias, c, m, n, k, requantization);
        }
    }

    /// <summary>
    /// 4 rows x 16 channels per tile, the 8 accumulators in registers; rows past the end repeat the last row (its
    /// reads stay in bounds, its results are not stored). Columns outside, rows inside, so the tile's weights and
    /// requantization constants stay in L1 and registers while A streams.
    /// </summary>
    private static void Run256<TStep, TWeights>(ref sbyte a, ref sbyte w, ref int bias, ref sbyte c, int m, int n, int k,
                                                in Requantization requantization)
        where TStep : struct, IStep256<TWeights>
        where TWeights : struct
    {
        int groups = (k + 3) / 4, fullGroups = k / 4;
        ref int tileBias = ref Unsafe.Add(ref bias, TStep.BiasedInput ? Int8GemmPacking.PackedBiasLength(n) / 2 : 0);
        for (int n0 = 0; n0 < n; n0 += Block)
        {
            int channels = Math.Min(Block, n - n0);
            var requantize = new Int8RequantizationBlock(requantization, n0, channels);
            ref sbyte tileWeights = ref Unsafe.Add(ref w, n0 * groups * Int8GemmPacking.BlockDepth);
            var initial = new Accumulators(TStep.Arrange(Vector256.LoadUnsafe(ref tileBias, (nuint)n0)),
                                           TStep.Arrange(Vector256.LoadUnsafe(ref tileBias, (nuint)n0 + 8)));
            for (int m0 = 0; m0 < m; m0 += Rows)
            {
                ref sbyte a0 = ref Unsafe.Add(ref a, m0 * k);
                ref sbyte a1 = ref Unsafe.Add(ref a, Math.Min(m0 + 1, m - 1) * k);
                ref sbyte a2 = ref Unsafe.Add(ref a, Math.Min(m0 + 2, m - 1) * k);
                ref sbyte a3 = ref Unsafe.Add(ref a, Math.Min(m0 + 3, m - 1) * k);
                // A partial last group (k % 4 != 0) zero-fills its missing bytes, so the full groups need no branch. Its
                // quads are read before the accumulators are live: a call among them makes the JIT store them on every update.
                int tail0 = 0, tail1 = 0, tail2 = 0, tail3 = 0;
                if (fullGroups < groups)
                {
                    int offset = fullGroups * Int8GemmPacking.BlockDepth;
                    tail0 = PartialQuad(ref a0, offset, k);
                    tail1 = PartialQuad(ref a1, offset, k);
                    tail2 = PartialQuad(ref a2, offset, k);
                    tail3 = PartialQuad(ref a3, offset, k);
                }

                Accumulators acc0 = initial, acc1 = initial, acc2 = initial, acc3 = initial;
                for (int g = 0; g < fullGroups; g++)
                {
                    TWeights wg = TStep.Load(ref Unsafe.Add(ref tileWeights, g * GroupBytes));
                    int offset = g * Int8GemmPacking.BlockDepth;
                    acc0 = TStep.Accumulate(acc0, Quad(ref a0, offset), wg);
                    acc1 = TStep.Accumulate(acc1, Quad(ref a1, offset), wg);
                    acc2 = TStep.Accumulate(acc2, Quad(ref a2, offset), wg);
                    acc3 = TStep.Accumulate(acc3, Quad(ref a3, offset), wg);
                }

                if (fullGroups < groups)
                {
                    TWeights wg = TStep.Load(ref Unsafe.Add(ref tileWeights, fullGroups * GroupBytes));
                    acc0 = TStep.Accumulate(acc0, tail0, wg);
                    acc1 = TStep.Accumulate(acc1, tail1, wg);
                    acc2 = TStep.Accumulate(acc2, tail2, wg);
                    acc3 = TStep.Accumulate(acc3, tail3, wg);
                }

                StoreTile<TStep, TWeights>(requantize, acc0, acc1, acc2, acc3, ref Unsafe.Add(ref c, m0 * n + n0), n, Math.Min(Rows, m - m0), channels);
            }
        }
    }

    /// <summary>
    /// Requantizes and stores a tile's rows. Kept out of line so the requantization constants are not live across the
    /// k loop: with AVX-512 the JIT otherwise keeps them in ymm0-15 and the accumulators in ymm16-31, which VEX-encoded
    /// VPDPBUSD cannot address, and copies every accumulator in and out around each instruction.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void StoreTile<TStep, TWeights>(in Int8RequantizationBlock requantize, Accumulators acc0, Accumulators acc1,
                                                   Accumulators acc2, Accumulators acc3, ref sbyte output, int n, int rows, int channels)
        where TStep : struct, IStep256<TWeights>
        where TWeights : struct
    {
        Store(requantize.Apply(TStep.Arrange(acc0.Low), TStep.Arrange(acc0.High)), ref output, channels);
        if (rows > 1)
        {
            Store(requantize.Apply(TStep.Arrange(acc1.Low), TStep.Arrange(acc1.High)), ref Unsafe.Add(ref output, n), channels);
        }

        if (rows > 2)
        {
            Store(requantize.Apply(TStep.Arrange(acc2.Low), TStep.Arrange(acc2.High)), ref Unsafe.Add(ref output, 2 * n), channels);
        }

        if (rows > 3)
        {
            Store(requantize.Apply(TStep.Arrange(acc3.Low), TStep.Arrange(acc3.High)), ref Unsafe.Add(ref output, 3 * n), channels);
        }
    }

    /// <summary>
    /// One row x 16 channels per tile with SDOT (Arm dot-product extension) or PMADDWD-style widening; the
    /// requantization runs per lane.
    /// </summary>
    private static void Run128(ref sbyte a, ref sbyte w, ref int bias, ref sbyte c, int m, int n, int k, in Requantization requantization)
    {
        int groups = (k + 3) / 4;
        Span<int> sums = stackalloc int[Block];
        for (int n0 = 0; n0 < n; n0 += Block)
        {
            int channels = Math.Min(Block, n - n0);
            ref sbyte tileWeights = ref Unsafe.Add(ref w, n0 * groups * Int8GemmPacking.BlockDepth);
            for (int row = 0; row < m; row++)
            {
                ref sbyte aRow = ref Unsafe.Add(ref a, row * k);
                Vector128<int> sum0 = Vector128.LoadUnsafe(ref bias, (nuint)n0), sum1 = Vector128.LoadUnsafe(ref bias, (nuint)n0 + 4);
                Vector128<int> sum2 = Vector128.LoadUnsafe(ref bias, (nuint)n0 + 8), sum3 = Vector128.LoadUnsafe(ref bias, (nuint)n0 + 12);
                for (int g = 0; g < groups; g++)
                {
                    Vector128<sbyte> x = Vector128.Create(PartialQuad(ref aRow, g * Int8GemmPacking.BlockDepth, k)).AsSByte();
                    ref sbyte wg = ref Unsafe.Add(ref tileWeights, g * GroupBytes);
                    sum0 = Dot4(sum0, x, Vector128.LoadUnsafe(ref wg));
                    sum1 = Dot4(sum1, x, Vector128.LoadUnsafe(ref wg, 16));
                    sum2 = Dot4(sum2, x, Vector128.LoadUnsafe(ref wg, 32));
                    sum3 = Dot4(sum3, x, Vector128.LoadUnsafe(ref wg, 48));
                }

                sum0.CopyTo(sums);
                sum1.CopyTo(sums.Slice(4));
                sum2.CopyTo(sums.Slice(8));
                sum3.CopyTo(sums.Slice(12));
                for (int lane = 0; lane < channels; lane++)
                {
                    Unsafe.Add(ref c, row * n + n0 + lane) = requantization.Apply(sums[lane], n0 + lane);
                }
            }
        }
    }

    /// <summary>The packed layout read one weight at a time.</summary>
    private static void RunScalar(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> packedWeights, ReadOnlySpan<int> packedBias, Span<sbyte> c,
                                  int m, int n, int k, in Requantization requantization)
    {
        int groups = (k + 3) / 4;
        for (int row = 0; row < m; row++)
        for (int col = 0; col < n; col++)
        {
            int accumulator = packedBias[col];
            for (int i = 0; i < k; i++)
            {
                int index = ((col / Block * groups + i / 4) * Block + col % Block) * 4 + i % 4;
                accumulator += a[row * k + i] * packedWeights[index];
            }

            c[row * n + col] = requantization.Apply(accumulator, col);
        }
    }

    /// <summary>row[offset..offset+4) as a little-endian int (the byte order of the vector lanes it is broadcast to).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Quad(ref sbyte row, int offset) => Unsafe.ReadUnaligned<int>(ref Unsafe.As<sbyte, byte>(ref Unsafe.Add(ref row, offset)));

    /// <summary><see cref="Quad"/> zero-filled from k on (the padded weights there are zero).</summary>
    private static int PartialQuad(ref sbyte row, int offset, int k)
    {
        if (offset + 4 <= k)
        {
            return Quad(ref row, offset);
        }

        int quad = 0;
        for (int i = 0; offset + i < k; i++)
        {
            quad |= (byte)Unsafe.Add(ref row, offset + i) << (8 * i);
        }

        return quad;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector128<sbyte> values, ref sbyte output, int channels)
    {
        if (channels == Block)
        {
            values.StoreUnsafe(ref output);
            return;
        }

        for (int lane = 0; lane < channels; lane++)
        {
            Unsafe.Add(ref output, lane) = values.GetElement(lane);
        }
    }

    /// <summary>Lane j += sum over t of x[t] * w[4j + t], x holding the same 4 bytes in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Dot4(Vector128<int> acc, Vector128<sbyte> x, Vector128<sbyte> w)
    {
        if (Dp.IsSupported)
        {
            return Dp.DotProduct(acc, w, x);
        }

        Vector128<short> xs = Vector128.WidenLower(x);
        (Vector128<short> channels01, Vector128<short> channels23) = Vector128.Widen(w);
        return acc + AddPairs(PairwiseProducts(channels01, xs), PairwiseProducts(channels23, xs));
    }

    /// <summary>a[2i] * b[2i] + a[2i+1] * b[2i+1] in lane i (PMADDWD).</summary>
    private static Vector128<int> PairwiseProducts(Vector128<short> a, Vector128<short> b)
    {
        if (Sse2.IsSupported)
        {
            return Sse2.MultiplyAddAdjacent(a, b);
        }

        (Vector128<int> aLow, Vector128<int> aHigh) = Vector128.Widen(a);
        (Vector128<int> bLow, Vector128<int> bHigh) = Vector128.Widen(b);
        return AddPairs(aLow * bLow, aHigh * bHigh);
    }

    /// <summary>[a0 + a1, a2 + a3, b0 + b1, b2 + b3] (PHADDD, ADDP).</summary>
    private static Vector128<int> AddPairs(Vector128<int> a, Vector128<int> b)
    {
        if (Ssse3.IsSupported)
        {
            return Ssse3.HorizontalAdd(a, b);
        }

        if (AdvSimd.Arm64.IsSupported)
        {
            return AdvSimd.Arm64.AddPairwise(a, b);
        }

        return Vector128.Create(a.GetElement(0) + a.GetElement(1), a.GetElement(2) + a.GetElement(3),
                                b.GetElement(0) + b.GetElement(1), b.GetElement(2) + b.GetElement(3));
    }

    /// <summary>16 channels' accumulators, channels 0-7 and 8-15 (in the step's lane order).</summary>
    private struct Accumulators(Vector256<int> low, Vector256<int> high)
    {
        public Vector256<int> Low = low;
        public Vector256<int> High = high;
    }

    /// <summary>One k-group (4 k x 16 channels) of a 256-bit microkernel.</summary>
    private interface IStep256<TWeights>
    {
        /// <summary>True when the step multiplies x + 128 (the packed bias's second half applies).</summary>
        static abstract bool BiasedInput { get; }

        static abstract TWeights Load(ref sbyte weights);

        static abstract Accumulators Accumulate(Accumulators acc, int quad, TWeights weights);

        /// <summary>The step's accumulator lane order from channel order and back (an involution).</summary>
        static abstract Vector256<int> Arrange(Vector256<int> lanes);
    }

    /// <summary>VPDPBUSD: unsigned x + 128 times signed weights, four products per int32 lane.</summary>
    private readonly struct VnniStep : IStep256<(Vector256<sbyte>, Vector256<sbyte>)>
    {
        public static bool BiasedInput => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static (Vector256<sbyte>, Vector256<sbyte>) Load(ref sbyte weights) =>
            (Vector256.LoadUnsafe(ref weights), Vector256.LoadUnsafe(ref weights, 32));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Accumulators Accumulate(Accumulators acc, int quad, (Vector256<sbyte>, Vector256<sbyte>) weights)
        {
            Vector256<byte> x = Vector256.Create(quad).AsByte() ^ Vector256.Create((byte)0x80);
            return new Accumulators(AvxVnni.MultiplyWideningAndAdd(acc.Low, x, weights.Item1),
                                    AvxVnni.MultiplyWideningAndAdd(acc.High, x, weights.Item2));
        }

        public static Vector256<int> Arrange(Vector256<int> lanes) => lanes;
    }

    /// <summary>
    /// VPMADDWD on int16-widened weights (4 channels x 4 k per vector) and x, then VPHADDD of two channel quads.
    /// Not VPMADDUBSW, which saturates. PHADDD leaves channels as [0, 1, 4, 5 | 2, 3, 6, 7].
    /// </summary>
    private readonly struct Avx2Step : IStep256<(Vector256<short>, Vector256<short>, Vector256<short>, Vector256<short>)>
    {
        public static bool BiasedInput => false;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static (Vector256<short>, Vector256<short>, Vector256<short>, Vector256<short>) Load(ref sbyte weights) =>
            (Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref weights)), Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref weights, 16)),
             Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref weights, 32)), Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref weights, 48)));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Accumulators Accumulate(Accumulators acc, int quad,
                                              (Vector256<short>, Vector256<short>, Vector256<short>, Vector256<short>) weights)
        {
            Vector256<short> x = Avx2.ConvertToVector256Int16(Vector128.Create(quad).AsSByte());
            return new Accumulators(
                acc.Low + Avx2.HorizontalAdd(Avx2.MultiplyAddAdjacent(weights.Item1, x), Avx2.MultiplyAddAdjacent(weights.Item2, x)),
                acc.High + Avx2.HorizontalAdd(Avx2.MultiplyAddAdjacent(weights.Item3, x), Avx2.MultiplyAddAdjacent(weights.Item4, x)));
        }

        // Swapping the middle quadwords maps [0, 1, 4, 5 | 2, 3, 6, 7] to channel order and back.
        public static Vector256<int> Arrange(Vector256<int> lanes) => Avx2.Permute4x64(lanes.AsInt64(), 0b11_01_10_00).AsInt32();
    }
}

/// <summary>The instruction-set paths of <see cref="Int8PackedGemm"/>, in order of preference.</summary>
internal enum Int8GemmPath
{
    Scalar,
    Vector128,
    Avx2,
    AvxVnni,
}
