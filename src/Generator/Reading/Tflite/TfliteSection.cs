using System;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Reading.Tflite;

/// <summary>Reads one part of the model, reporting malformed bytes as a <see cref="ModelException"/> that names the part.</summary>
internal static class TfliteSection
{
    /// <param name="describe">Called only on failure, e.g. "Tensor 3 ('conv/weights')".</param>
    public static T Read<T>(Func<string> describe, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (FlatBufferFormatException e)
        {
            throw new ModelException($"{describe()} is truncated or damaged at byte {e.Offset}: {e.Problem}");
        }
    }
}
