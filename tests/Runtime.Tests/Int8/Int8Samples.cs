using System;

namespace QuantizedModels.Runtime.Tests.Int8;

/// <summary>Random and adversarial int8 tensors and quantization parameters for the int8 kernel tests.</summary>
internal static class Int8Samples
{
    /// <summary>Random values, or (one case in five each) all -128, all 127, or only the two extremes.</summary>
    public static sbyte[] Tensor(TestData data, int count)
    {
        var values = new sbyte[count];
        int pattern = data.Next(0, 9);
        for (int i = 0; i < count; i++)
        {
            values[i] = pattern switch
            {
                0 => sbyte.MinValue,
                1 => sbyte.MaxValue,
                2 or 3 => data.Coin() ? sbyte.MinValue : sbyte.MaxValue,
                _ => (sbyte)data.Next(-128, 127),
            };
        }

        return values;
    }

    /// <summary>Minus a zero point, favouring the extremes -127 (zero point 127) and 128 (zero point -128).</summary>
    public static int InputOffset(TestData data) => data.Next(0, 3) switch
    {
        0 => -127,
        1 => 128,
        _ => -data.Next(-128, 127),
    };

    public static int[] Bias(TestData data, int count)
    {
        var bias = new int[count];
        for (int i = 0; i < count; i++)
        {
            bias[i] = data.Next(-100_000, 100_000);
        }

        return bias;
    }

    /// <summary>Multipliers in [2^30, 2^31) and shifts mostly negative, as real conv scales give.</summary>
    public static (int[] Multipliers, int[] Shifts) Scales(TestData data, int count)
    {
        int[] multipliers = new int[count], shifts = new int[count];
        for (int i = 0; i < count; i++)
        {
            multipliers[i] = data.Next(1 << 30, int.MaxValue - 1);
            shifts[i] = data.Next(-14, 1);
        }

        return (multipliers, shifts);
    }

    /// <summary>
    /// TFLite's fixed-point requantization, its shift-only form (power-of-two multipliers), or ONNX Runtime's float
    /// form with power-of-two scales (whose products land on exact halves, the ties) or arbitrary ones; a random
    /// offset and fused range.
    /// </summary>
    public static Requantization Requantization(TestData data, int channels)
    {
        int count = data.Coin() ? channels : 1, offset = data.Next(-128, 127);
        (int min, int max) = ActivationRange(data);
        int form = data.Next(0, 5);
        if (form < 3)
        {
            (int[] multipliers, int[] shifts) = Scales(data, count);
            return form < 2 ? new Requantization(multipliers, shifts, offset, min, max) : Runtime.Requantization.PowerOfTwo(shifts, offset, min, max);
        }

        var scales = new float[count];
        for (int i = 0; i < count; i++)
        {
            scales[i] = data.Coin() ? MathF.ScaleB(1f, -data.Next(1, 14)) : data.Next(1, 1 << 24) * MathF.ScaleB(1f, -34);
        }

        return new Requantization(scales, offset, min, max);
    }

    /// <summary>Either no activation or a random fused range inside the int8 range (ReLU-like when it starts at the zero point).</summary>
    public static (int Min, int Max) ActivationRange(TestData data)
    {
        if (data.Coin())
        {
            return (sbyte.MinValue, sbyte.MaxValue);
        }

        int min = data.Next(-128, 0);
        return (min, data.Next(min, 127));
    }

    public static sbyte[] Poisoned(int count)
    {
        var values = new sbyte[count];
        values.AsSpan().Fill(0x55);
        return values;
    }
}
