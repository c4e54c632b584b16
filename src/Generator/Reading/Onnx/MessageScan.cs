using System;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Reading.Protobuf;

namespace QuantizedModels.Generator.Reading.Onnx;

/// <summary>Walks the fields of one ONNX message, reporting malformed bytes as a <see cref="ModelException"/> that names what was being read.</summary>
internal static class MessageScan
{
    /// <param name="describe">
    /// Called only on failure, so it can use fields read so far (a node's name may precede the broken byte),
    /// e.g. "Node 3 of 12 ('conv1', Conv)".
    /// </param>
    /// <param name="onField">Reads or skips the field whose key was just read.</param>
    public static void Run(ProtoReader message, Func<string> describe, Action<int, WireType> onField)
    {
        try
        {
            while (message.TryReadTag(out var field, out var wireType))
            {
                onField(field, wireType);
            }
        }
        catch (ProtoFormatException e)
        {
            throw new ModelException($"{describe()} is truncated or damaged at byte {e.Offset}: {e.Problem}");
        }
    }
}
