using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace QuantizedModels.Runtime;

/// <summary>
/// <see cref="Requantization.Apply"/> for 16 consecutive output channels at once on AVX2, each lane with its own
/// multiplier and shift (or float scale, or shift alone), equal lane for lane to the scalar form. The per-channel constants are
/// prepared once per block of channels, so a GEMM or depthwise tile pays only the arithmetic.
/// </summary>
internal readonly struct Int8RequantizationBlock
{
    private readonly Lanes _low, _high;
    private readonly Vector256<float> _scaleLow, _scaleHigh, _floatMin, _floatMax;
    private readonly bool _isFloat, _isShiftOnly;
    private readonly Vector256<int> _offset, _min, _max;
    private readonly Vector256<short> _wordOffset;
    private readonly Vector128<sbyte> _byteMin, _byteMax;

    /// <summary>
    /// True when every channel shifts right by at least one, no multiplier is int.MinValue and the offset and
    /// activation range are int8 values (the usual case), decided once per block: then there is no left shift, no
    /// saturating high multiply, and the scaled values (at most 2^30 in magnitude) narrow before the offset.
    /// </summary>
    private readonly bool _plain;

    /// <summary>Channels [first, first + count), count at most 16; the missing lanes compute garbage nobody stores.</summary>
    public Int8RequantizationBlock(in Requantization requantization, int first, int count)
    {
        _offset = Vector256.Create(requantization.OutputOffset);
        _min = Vector256.Create(requantization.ActivationMin);
        _max = Vector256.Create(requantization.ActivationMax);
        _wordOffset = Vector256.Create((short)requantization.OutputOffset);
        _byteMin = Vector128.Create((sbyte)requantization.ActivationMin);
        _byteMax = Vector128.Create((sbyte)requantization.ActivationMax);
        if (requantization.IsFloat)
        {
            _isFloat = true;
            Span<float> scales = stackalloc float[Int8GemmPacking.BlockChannels];
            scales.Clear();
            if (requantization.Scales.Length == 1) scales.Fill(requantization.Scales[0]);
            else requantization.Scales.Slice(first, count).CopyTo(scales);
            _scaleLow = Vector256.Create(scales);
            _scaleHigh = Vector256.Create(scales.Slice(8));
            _floatMin = Vector256.Create((float)(requantization.ActivationMin - requantization.OutputOffset));
            _floatMax = Vector256.Create((float)(requantization.ActivationMax - requantization.OutputOffset));
            return;
        }

        // The shift-only form's lanes hold the multiplier it stands for, which its path never reads.
        _isShiftOnly = requantization.IsShiftOnly;
        ReadOnlySpan<int> multipliers = requantization.Multipliers, shifts = requantization.Shifts;
        Span<int> m = stackalloc int[Int8GemmPacking.BlockChannels], s = stackalloc int[Int8GemmPacking.BlockChannels];
        if (shifts.Length == 1)
        {
            m.Fill(_isShiftOnly ? MultiplierQuantization.PowerOfTwoMultiplier : multipliers[0]);
            s.Fill(shifts[0]);
        }
        else
        {
            // Zero multipliers give 0 in the missing lanes; shift -1 keeps them from disqualifying _plain.
            m.Clear();
            s.Fill(-1);
            if (_isShiftOnly) m.Fill(MultiplierQuantization.PowerOfTwoMultiplier);
            else multipliers.Slice(first, count).CopyTo(m);
            shifts.Slice(first, count).CopyTo(s);
        }

        _low = new Lanes(Vector256.Create(m), Vector256.Create(s));
        _high = new Lanes(Vector256.Create(m.Slice(8)), Vector256.Create(s.Slice(8)));
        _plain = Vector256.LessThanAll(Vector256.Max(Vector256.Create(s), Vector256.Create(s.Slice(8))), Vector256<int>.Zero) &&
                 !m.Contains(int.MinValue) && IsInt8(requantization.OutputOffset) && IsInt8(requantization.ActivationMin) &&
                 IsInt8(requantization.ActivationMax);
    }

    private static bool IsInt8(int value) => value is >= sbyte.MinValue and <= sbyte.MaxValue;

    /// <summary>Channels 0-7 in <paramref name="low"/>, 8-15 in <paramref name="high"/>; the 16 int8 results in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<sbyte> Apply(Vector256<int> low, Vector256<int> high)
    {
        if (_isFloat)
        {
            low = FloatScale(low, _scaleLow);
            high = FloatScale(high, _scaleHigh);
        }
        else if (_isShiftOnly)
        {
            low = _low.ScaleByPowerOfTwo(low);
            high = _high.ScaleByPowerOfTwo(high);
        }
        else if (_plain)
        {
            // |scaled| <= 2^30, so int16 saturation then the saturating add of an int8 offset leave every value that
            // the int8 clamp would change beyond int8 still, on the same side: narrowing first clamps the same.
            Vector256<short> scaled = Avx2.PackSignedSaturate(_low.Scale(low, plain: true), _high.Scale(high, plain: true));
            Vector256<short> shifted = Avx2.Permute4x64(Avx2.AddSaturate(scaled, _wordOffset).AsInt64(), 0b11_01_10_00).AsInt16();
            return Vector128.Min(Vector128.Max(Sse2.PackSignedSaturate(shifted.GetLower(), shifted.GetUpper()), _byteMin), _byteMax);
        }
        else
        {
            low = _low.Scale(low, plain: false);
            high = _high.Scale(high, plain: false);
        }

        low = Vector256.Min(Vector256.Max(low + _offset, _min), _max);
        high = Vector256.Min(Vector256.Max(high + _offset, _min), _max);
        // The values are clamped to int8 already, so the saturating packs only narrow. PACKSSDW interleaves the
        // 128-bit halves ([l0-3, h0-3 | l4-7, h4-7]); swapping the middle quadwords restores channel order.
        Vector256<short> words = Avx2.Permute4x64(Avx2.PackSignedSaturate(low, high).AsInt64(), 0b11_01_10_00).AsInt16();
        return Sse2.PackSignedSaturate(words.GetLower(), words.GetUpper());
    }

    /// <summary>
    /// ONNX Runtime's float requantization on 8 lanes, as MLAS does it: convert, multiply, clamp to the range minus the
    /// zero point, convert with the default rounding mode (half to even).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector256<int> FloatScale(Vector256<int> accumulator, Vector256<float> scale)
    {
        Vector256<float> scaled = Avx.Multiply(Avx.ConvertToVector256Single(accumulator), scale);
        return Avx.ConvertToVector256Int32(Avx.Min(Avx.Max(scaled, _floatMin), _floatMax));
    }

    /// <summary>
    /// MultiplyByQuantizedMultiplier on 8 lanes with per-lane multiplier and shift; <c>plain</c> (see
    /// <see cref="_plain"/>) drops the left shift and the saturation fix-up.
    /// </summary>
    private readonly struct Lanes
    {
        private readonly Vector256<int> _multiplier, _oddMultiplier, _multiplierIsMin, _mask, _halfMask;
        private readonly Vector256<uint> _leftShift, _rightShift;

        public Lanes(Vector256<int> multiplier, Vector256<int> shift)
        {
            _multiplier = multiplier;
            // VPMULDQ reads the even lanes; the odd lanes' multipliers move down once here.
            _oddMultiplier = Avx2.ShiftRightLogical(multiplier.AsInt64(), 32).AsInt32();
            _multiplierIsMin = Vector256.Equals(multiplier, Vector256.Create(int.MinValue));
            _leftShift = Vector256.Max(shift, Vector256<int>.Zero).AsUInt32();
            Vector256<int> rightShift = Vector256.Max(-shift, Vector256<int>.Zero);
            _rightShift = rightShift.AsUInt32();
            _mask = Avx2.ShiftLeftLogicalVariable(Vector256<int>.One, _rightShift) - Vector256<int>.One;
            _halfMask = Vector256.ShiftRightArithmetic(_mask, 1);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<int> Scale(Vector256<int> accumulator, bool plain)
        {
            Vector256<int> x = plain ? accumulator : Avx2.ShiftLeftLogicalVariable(accumulator, _leftShift);
            // SaturatingRoundingDoublingHighMul = floor((x*m + 2^30) / 2^31) (see FixedPointVector): bits 31..62 of
            // the 64-bit sum, shifted into the low dword for even lanes and into the high dword for odd lanes.
            Vector256<long> nudge = Vector256.Create(1L << 30);
            Vector256<long> even = Avx2.Multiply(x, _multiplier) + nudge;
            Vector256<long> odd = Avx2.Multiply(Avx2.ShiftRightLogical(x.AsInt64(), 32).AsInt32(), _oddMultiplier) + nudge;
            Vector256<int> high = Avx2.Blend(Avx2.ShiftRightLogical(even, 31).AsInt32(), Avx2.ShiftLeftLogical(odd, 1).AsInt32(), 0b1010_1010);
            if (!plain)
            {
                // int.MinValue squared gives int.MinValue here; adding the all-ones lane turns it into int.MaxValue.
                high += Vector256.Equals(x, Vector256.Create(int.MinValue)) & _multiplierIsMin;
            }

            return RoundingDivideByPOT(high);
        }

        /// <summary>
        /// <see cref="FixedPoint.MultiplyByPowerOfTwo"/> on 8 lanes: the left shift, the halving rounded up (what the
        /// high multiply by 2^30 does) and the rounding right shift, no multiply.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<int> ScaleByPowerOfTwo(Vector256<int> accumulator)
        {
            Vector256<int> x = Avx2.ShiftLeftLogicalVariable(accumulator, _leftShift);
            return RoundingDivideByPOT(Vector256.ShiftRightArithmetic(x, 1) + (x & Vector256<int>.One));
        }

        /// <summary>RoundingDivideByPOT as in FixedPointVector, with per-lane exponents.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private Vector256<int> RoundingDivideByPOT(Vector256<int> x)
        {
            Vector256<int> threshold = _halfMask - Vector256.ShiftRightArithmetic(x, 31);
            return Avx2.ShiftRightArithmeticVariable(x, _rightShift) - Vector256.GreaterThan(x & _mask, threshold);
        }
    }
}
