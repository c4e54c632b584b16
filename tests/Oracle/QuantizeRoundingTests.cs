using System;
using System.Linq;
using QuantizedModels.Oracle.Crafting;
using QuantizedModels.Oracle.Interpreter;
using Xunit;
using Xunit.Abstractions;

namespace QuantizedModels.Oracle;

/// <summary>
/// Why float-to-int8 QUANTIZE outputs differ: TFLite 2.9's optimized QUANTIZE (what the interpreter runs on x86)
/// divides each value by the scale in double; the reference kernel (reference_ops::AffineQuantize, what TFLite
/// Micro runs and what is compiled here) divides by static_cast&lt;float&gt;(scale) in float. Both round half
/// away from zero, so they part only where the float quotient rounds onto a half step (or across one) that the
/// exact quotient does not reach: a one-step difference on near-ties. These tests recompute every output both
/// ways, hold the interpreter to the double division on every output, and count where the two part: exactly the
/// outputs the operator tests allow to differ.
/// </summary>
public class QuantizeRoundingTests(ITestOutputHelper output)
{
    public static TheoryData<string> FloatToInt8 => new(TfliteOperatorCases.Quantize.Where(c => ((QuantizationRecipe)c.Recipe).In is null).Select(c => c.Name));

    [Theory]
    [MemberData(nameof(FloatToInt8))]
    public void The_interpreter_divides_in_double_where_the_reference_divides_in_float(string name)
    {
        var operatorCase = TfliteOperatorCases.Quantize.Single(c => c.Name == name);
        var grid = ((QuantizationRecipe)operatorCase.Recipe).Out!;
        using var interpreter = new TfliteInterpreter(operatorCase.Recipe.Build(new Random(operatorCase.Seed)));
        var actual = new sbyte[interpreter.OutputLength];
        var parted = 0;

        foreach (var (inputName, input) in FloatInputs.For(interpreter.InputLength, operatorCase.Seed, TfliteOracle.RandomInputs, grid))
        {
            interpreter.Invoke<float, sbyte>(input, actual);
            for (var i = 0; i < input.Length; i++)
            {
                var optimized = Clamp(Math.Round(input[i] / (double)grid.Scale, MidpointRounding.AwayFromZero) + grid.ZeroPoint);
                var reference = Clamp(MathF.Round(input[i] / grid.Scale, MidpointRounding.AwayFromZero) + grid.ZeroPoint);
                Assert.True(optimized == actual[i], $"{inputName}, output {i} (input {input[i]:R}): the interpreter gave {actual[i]}, the optimized arithmetic {optimized} (reference {reference}).");
                if (reference != optimized) parted++;
            }
        }

        output.WriteLine($"{name}: {parted} outputs are near-ties the float quotient rounds apart from the double one");
        Assert.Equal(operatorCase.AllowedDiffering, parted);
    }

    private static int Clamp(double value) => (int)Math.Clamp(value, sbyte.MinValue, sbyte.MaxValue);
}
