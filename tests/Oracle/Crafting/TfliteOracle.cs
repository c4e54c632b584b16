using System;
using System.Collections.Generic;
using QuantizedModels.Oracle.Interpreter;
using QuantizedModels.TestSupport;

namespace QuantizedModels.Oracle.Crafting;

/// <summary>How far the compiled model's int8 outputs are from the interpreter's over all inputs of one case.</summary>
public sealed record OracleDifference(int Inputs, int Elements, int Differing, int Largest)
{
    public override string ToString() => $"{Inputs} inputs, {Elements} outputs: {Differing} differ, largest difference {Largest}";
}

/// <summary>Runs one crafted model through the real generator and through TensorFlow Lite 2.9 on the same inputs.</summary>
public static class TfliteOracle
{
    private const string ModelPath = "Models/crafted.tflite";

    /// <summary>Random inputs per case beside the four adversarial ones.</summary>
    public const int RandomInputs = 60;

    /// <summary>Compiles the recipe's model and runs the interpreter's, both built from <paramref name="seed"/>.</summary>
    public static OracleDifference Compare(IModelRecipe recipe, int seed)
    {
        using var interpreter = new TfliteInterpreter(recipe.BuildForInterpreter(new Random(seed)));
        using var compiled = Compile(recipe.Build(new Random(seed)));
        if (compiled.InputLength != interpreter.InputLength || compiled.OutputLength != interpreter.OutputLength)
        {
            throw new InvalidOperationException($"The compiled model takes {compiled.InputLength} and gives {compiled.OutputLength} elements; the interpreter {interpreter.InputLength} and {interpreter.OutputLength}.");
        }

        var expected = new sbyte[interpreter.OutputLength];
        var actual = new sbyte[compiled.OutputLength];
        int inputs = 0, differing = 0, largest = 0;
        foreach (var (_, input) in Int8Inputs.For(interpreter.InputLength, seed, RandomInputs))
        {
            interpreter.Invoke(input, expected);
            compiled.PredictInt8(input, actual);
            for (var i = 0; i < expected.Length; i++)
            {
                var difference = Math.Abs(expected[i] - actual[i]);
                if (difference != 0) differing++;
                largest = Math.Max(largest, difference);
            }

            inputs++;
        }

        return new OracleDifference(inputs, inputs * expected.Length, differing, largest);
    }

    private static CompiledModel Compile(byte[] model) => GeneratorHarness.Run(
            new Dictionary<string, byte[]> { [ModelPath] = model },
            $"[QuantizedModels.QuantizedModel(\"{ModelPath}\")] public partial class {OracleModel.ClassName};")
        .Load(OracleModel.ClassName);
}
