using System;
using System.IO;
using Xunit;

namespace QuantizedModels.Oracle.Interpreter;

/// <summary>The wrapper runs the committed library as the recorded interpreter outputs were made.</summary>
public class TfliteInterpreterTests
{
    [Fact]
    public void The_library_is_tensorflow_lite_2_9() => Assert.Equal("2.9.0", TfliteInterpreter.Version);

    [Fact]
    public void Micro_speech_reproduces_the_recorded_interpreter_outputs_exactly()
    {
        const int InputLength = 1960, OutputLength = 4, Count = 220;
        var inputs = TfliteTestVectors.ReadInt8("micro_speech.inputs_int8.bin");
        var expected = TfliteTestVectors.ReadInt8("micro_speech.outputs_int8.bin").AsSpan(0, Count * OutputLength).ToArray();
        using var interpreter = new TfliteInterpreter(File.ReadAllBytes(OracleModel.PathOf("micro_speech_quantized.tflite")));
        var actual = new sbyte[Count * OutputLength];

        for (var i = 0; i < Count; i++)
        {
            interpreter.Invoke(inputs.AsSpan(i * InputLength, InputLength), actual.AsSpan(i * OutputLength, OutputLength));
        }

        Assert.Equal(expected, actual);
    }
}
