namespace QuantizedModels.Runtime;

/// <summary>
/// TFLite's int8 ADD parameters: offsets are minus the zero points; each input is shifted left by
/// <see cref="LeftShift"/> (20 for int8) and scaled by its multiplier to the common scale 2 * max(s1, s2), and the sum
/// is scaled to the output. The multipliers and shifts come from <see cref="MultiplierQuantization.QuantizeMultiplier"/>
/// at build time.
/// </summary>
public readonly struct Int8AddQuantization
{
    /// <summary>TFLite's left shift for int8 inputs: headroom for the fixed-point rescale.</summary>
    public const int Int8LeftShift = 20;

    /// <summary>Creates the parameters.</summary>
    public Int8AddQuantization(int input1Offset, int input1Multiplier, int input1Shift,
                               int input2Offset, int input2Multiplier, int input2Shift,
                               int outputOffset, int outputMultiplier, int outputShift,
                               int activationMin, int activationMax, int leftShift = Int8LeftShift)
    {
        Input1Offset = input1Offset;
        Input1Multiplier = input1Multiplier;
        Input1Shift = input1Shift;
        Input2Offset = input2Offset;
        Input2Multiplier = input2Multiplier;
        Input2Shift = input2Shift;
        OutputOffset = outputOffset;
        OutputMultiplier = outputMultiplier;
        OutputShift = outputShift;
        ActivationMin = activationMin;
        ActivationMax = activationMax;
        LeftShift = leftShift;
    }

    /// <summary>
    /// The parameters when all three real multipliers are powers of two (a <c>PowerOfTwoScales</c> build): every
    /// multiplier is 2^30 and <see cref="Int8Add"/> rescales by shifts alone, equal to the multiplier form.
    /// </summary>
    public static Int8AddQuantization PowerOfTwo(int input1Offset, int input1Shift, int input2Offset, int input2Shift,
                                                 int outputOffset, int outputShift, int activationMin, int activationMax) =>
        new(input1Offset, MultiplierQuantization.PowerOfTwoMultiplier, input1Shift, input2Offset, MultiplierQuantization.PowerOfTwoMultiplier, input2Shift,
            outputOffset, MultiplierQuantization.PowerOfTwoMultiplier, outputShift, activationMin, activationMax) { IsShiftOnly = true };

    /// <summary>True when the rescales are shifts alone (<see cref="PowerOfTwo"/>).</summary>
    public bool IsShiftOnly { get; private init; }

    /// <summary>Minus the first input's zero point.</summary>
    public int Input1Offset { get; }
    /// <summary>Q31 multiplier of s1 / (2 * max(s1, s2)).</summary>
    public int Input1Multiplier { get; }
    /// <summary>Its shift (at most 0).</summary>
    public int Input1Shift { get; }
    /// <summary>Minus the second input's zero point.</summary>
    public int Input2Offset { get; }
    /// <summary>Q31 multiplier of s2 / (2 * max(s1, s2)).</summary>
    public int Input2Multiplier { get; }
    /// <summary>Its shift (at most 0).</summary>
    public int Input2Shift { get; }
    /// <summary>Output zero point.</summary>
    public int OutputOffset { get; }
    /// <summary>Q31 multiplier of 2 * max(s1, s2) / (2^LeftShift * output scale).</summary>
    public int OutputMultiplier { get; }
    /// <summary>Its shift.</summary>
    public int OutputShift { get; }
    /// <summary>Lowest output value.</summary>
    public int ActivationMin { get; }
    /// <summary>Highest output value.</summary>
    public int ActivationMax { get; }
    /// <summary>Left shift applied to both offset inputs before scaling.</summary>
    public int LeftShift { get; }
}
