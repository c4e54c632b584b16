using System;

namespace QuantizedModels.Generator.Reading.Protobuf;

/// <summary>
/// Bytes that are not valid protobuf. Stays inside the readers: each message reader catches it and
/// rethrows a <see cref="Graph.ModelException"/> that also names the node or tensor being read.
/// </summary>
internal sealed class ProtoFormatException : Exception
{
    public ProtoFormatException(long offset, string problem)
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
