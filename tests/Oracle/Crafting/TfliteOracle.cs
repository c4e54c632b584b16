using System;
using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Oracle.Interpreter;
using QuantizedModels.TestSupport;

namespace QuantizedModels.Oracle.Crafting;

/// <summary>
/// How far the compiled model's outputs are from the interpreter's over all inputs of one case: in int8 steps for
/// int8 outputs, as absolute values for float outputs.
/// </summary>
public sealed record OracleDifference(int Inputs, int Elements, int Differing, double Largest)
{
    public override string ToString() => $"{Inputs} inputs, {Elements} outputs: {Differing} differ, largest difference {Largest}";
}

/// <summary>Runs one crafted model through the real generator and through TensorFlow Lite 2.9 on the same inputs.</summary>
public static class TfliteOracle
{
    private const string ModelPath = "Models/crafted.tflite";

    /// <summary>Random inputs per case beside the adversarial ones.</summary>
    public const int RandomInputs = 60;

    /// <summary>
    /// Compiles the recipe's model and runs the interpreter's, both built from <paramref name="seed"/>. An int8-only
    /// model runs through the compiled int8 Predict. A model with a float input or output runs through the float
    /// Predict, the only one its class has beside the raw one: int8 inputs go in as their exact dequantized values
    /// (which it quantizes back exactly), int8 outputs are requantized exactly from the values it dequantized.
    /// </summary>
    public static OracleDifference Compare(IModelRecipe recipe, int seed)
    {
        using var interpreter = new TfliteInterpreter(recipe.BuildForInterpreter(new Random(seed)));
        using var compiled = Compile(recipe.Build(new Random(seed)));
        if (compiled.InputLength != interpreter.InputLength || compiled.OutputLength != interpreter.OutputLength)
        {
            throw new InvalidOperationException($"The compiled model takes {compiled.InputLength} and gives {compiled.OutputLength} elements; the interpreter {interpreter.InputLength} and {interpreter.OutputLength}.");
        }

        var (input, output) = (interpreter.Input, interpreter.Output);
        var int8Inputs = Int8Inputs.For(input.Length, seed, RandomInputs).Select(i => i.Values);
        return (input.Type, output.Type) switch
        {
            (TensorType.Int8, TensorType.Int8) => Run<sbyte, sbyte>(interpreter, int8Inputs, compiled.PredictInt8, Steps),
            (TensorType.Float32, TensorType.Int8) => Run<float, sbyte>(
                interpreter,
                FloatInputs.For(input.Length, seed, RandomInputs, new Int8Tensor(output.Scale, output.ZeroPoint)).Select(i => i.Values),
                (x, y) => Requantize(Predict(compiled, x), output).CopyTo(y, 0),
                Steps),
            (TensorType.Int8, TensorType.Float32) => Run<sbyte, float>(
                interpreter,
                int8Inputs,
                (x, y) => compiled.Predict(Dequantize(x, input), y),
                (expected, actual) => Math.Abs((double)expected - actual)),
            _ => throw new NotSupportedException($"The oracle compares int8 or float models with an int8 side, not {input.Type} to {output.Type}."),
        };
    }

    private static OracleDifference Run<TIn, TOut>(TfliteInterpreter interpreter, IEnumerable<TIn[]> inputs, Action<TIn[], TOut[]> predict, Func<TOut, TOut, double> distance)
        where TIn : unmanaged
        where TOut : unmanaged
    {
        var expected = new TOut[interpreter.OutputLength];
        var actual = new TOut[interpreter.OutputLength];
        int count = 0, differing = 0;
        double largest = 0;
        foreach (var input in inputs)
        {
            interpreter.Invoke<TIn, TOut>(input, expected);
            predict(input, actual);
            for (var i = 0; i < expected.Length; i++)
            {
                var difference = distance(expected[i], actual[i]);
                if (difference != 0) differing++;
                largest = Math.Max(largest, difference);
            }

            count++;
        }

        return new OracleDifference(count, count * expected.Length, differing, largest);
    }

    private static double Steps(sbyte expected, sbyte actual) => Math.Abs(expected - actual);

    private static float[] Predict(CompiledModel compiled, float[] input)
    {
        var output = new float[compiled.OutputLength];
        compiled.Predict(input, output);
        return output;
    }

    /// <summary>What the float Predict quantizes to exactly these int8 values: scale x (q - zero point), as it dequantizes.</summary>
    private static float[] Dequantize(sbyte[] values, InterpreterTensor tensor) =>
        values.Select(q => tensor.Scale * (q - tensor.ZeroPoint)).ToArray();

    /// <summary>The int8 values the float Predict dequantized: scale x k for |k| below 256 divides back to within 2^-15 of k.</summary>
    private static sbyte[] Requantize(float[] values, InterpreterTensor tensor) =>
        values.Select(v => checked((sbyte)(MathF.Round(v / tensor.Scale) + tensor.ZeroPoint))).ToArray();

    private static CompiledModel Compile(byte[] model) => GeneratorHarness.Run(
            new Dictionary<string, byte[]> { [ModelPath] = model },
            $"[QuantizedModels.QuantizedModel(\"{ModelPath}\")] public partial class {OracleModel.ClassName};")
        .Load(OracleModel.ClassName);
}
