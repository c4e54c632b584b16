using System;

namespace QuantizedModels.Generator.Reading.Tflite;

/// <summary>
/// Bytes that are not a valid flatbuffer. Stays inside the TFLite reader, which rethrows it as a
/// <see cref="Graph.ModelException"/> that also names the tensor or operator being read.
/// </summary>
internal sealed class FlatBufferFormatException : Exception
{
    public FlatBufferFormatException(long offset, string problem)
        : base($"byte {offset}: {problem}")
    {
        Offset = offset;
        Problem = problem;
    }

    /// <summary>Position in the file of the first byte that could not be read.</summary>
    public long Offset { get; }

    /// <summary>What was wrong there, as the end of a sentence.</summary>
    public string Problem { get; }
}
