using System;
using System.Linq;
using QuantizedModels.Generator.Quantization;
using QuantizedModels.Oracle.Crafting;
using QuantizedModels.Oracle.Interpreter;
using QuantizedModels.Runtime;
using Xunit;
using Xunit.Abstractions;

namespace QuantizedModels.Oracle;

/// <summary>
/// Why CONV_2D is the one operator whose outputs differ: TFLite 2.9's optimized CONV_2D (ruy's x86 kernels)
/// ends the requantization with a rounding right shift that rounds ties up, towards +infinity, where the
/// reference kernels (RoundingDivideByPOT, compiled here) round them away from zero. The two meet everywhere
/// but on negative exact ties. These tests recompute every accumulator and hold the interpreter to the
/// ties-up arithmetic on every output, and count the negative ties: exactly the outputs the operator tests
/// allow to differ.
/// </summary>
public class Conv2DRoundingTests(ITestOutputHelper output)
{
    private static readonly string[] ActivationNames = ["NONE", "RELU", "RELU_N1_TO_1", "RELU6"];

    public static TheoryData<string> Conv2D => new(TfliteOperatorCases.Conv2D.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Conv2D))]
    public void The_interpreter_rounds_only_negative_ties_apart_from_the_reference(string name)
    {
        var operatorCase = TfliteOperatorCases.Conv2D.Single(c => c.Name == name);
        var recipe = (ConvRecipe)operatorCase.Recipe;
        var filter = recipe.DrawConvFilter(new Random(operatorCase.Seed));
        var multipliers = TfliteQuantization.PerChannel(recipe.In.Scale, filter.Scales, recipe.Out.Scale);
        var (min, max) = TfliteQuantization.ActivationRange(ActivationNames[(int)recipe.Activation], recipe.Out.Scale, recipe.Out.ZeroPoint);
        using var interpreter = new TfliteInterpreter(recipe.Build(new Random(operatorCase.Seed)));
        var actual = new sbyte[interpreter.OutputLength];
        var ties = 0;

        foreach (var (inputName, input) in Int8Inputs.For(interpreter.InputLength, operatorCase.Seed, TfliteOracle.RandomInputs))
        {
            interpreter.Invoke(input, actual);
            var sums = recipe.Accumulators(filter, input);
            for (var i = 0; i < sums.Length; i++)
            {
                var channel = i % recipe.OutChannels;
                var (m, shift) = (multipliers.Values[channel % multipliers.Values.Length], multipliers.Shifts[channel % multipliers.Shifts.Length]);
                var reference = Math.Clamp(FixedPoint.MultiplyByQuantizedMultiplier(checked((int)sums[i]), m, shift) + recipe.Out.ZeroPoint, min, max);
                var tiesUp = Math.Clamp(MultiplyRoundingTiesUp(checked((int)sums[i]), m, shift) + recipe.Out.ZeroPoint, min, max);
                Assert.True(tiesUp == actual[i], $"{inputName}, output {i}: the interpreter gave {actual[i]}, the ties-up arithmetic {tiesUp} (reference {reference}).");
                if (reference != tiesUp) ties++;
            }
        }

        output.WriteLine($"{name}: {ties} outputs are negative ties the interpreter rounds up");
        Assert.Equal(operatorCase.AllowedDiffering, ties);
    }

    /// <summary>ruy's x86 requantization: the reference high multiply, then a right shift rounding ties up.</summary>
    private static int MultiplyRoundingTiesUp(int x, int multiplier, int shift)
    {
        var high = FixedPoint.SaturatingRoundingDoublingHighMul(x * (1 << Math.Max(shift, 0)), multiplier);
        var rightShift = Math.Max(-shift, 0);
        return rightShift == 0 ? high : (int)(((long)high + (1L << (rightShift - 1))) >> rightShift);
    }
}
