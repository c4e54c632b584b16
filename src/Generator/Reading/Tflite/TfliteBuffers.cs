using System.Collections.Generic;
using QuantizedModels.Generator.Graph;
using static QuantizedModels.Generator.Reading.Tflite.TfliteSchema;

namespace QuantizedModels.Generator.Reading.Tflite;

/// <summary>
/// The model's buffers table. Each buffer's bytes are copied once and shared by every tensor that refers to
/// it (the IR never writes constant bytes in place), so many tensors naming one buffer cost no extra memory.
/// </summary>
internal sealed class TfliteBuffers
{
    private readonly FlatVector buffers;
    private readonly Dictionary<uint, byte[]?> dataByIndex = new();

    public TfliteBuffers(FlatVector? buffers)
    {
        this.buffers = buffers ?? default;
    }

    /// <summary>The buffer's bytes, or null when it is empty: buffer 0 is the sentinel of tensors computed at run time.</summary>
    /// <param name="describe">The tensor that refers to the buffer, for errors.</param>
    public byte[]? Data(uint index, string describe)
    {
        if (index == 0)
        {
            return null;
        }

        if (index >= buffers.Count)
        {
            throw new ModelException($"{describe} refers to buffer {index}, but the model has {buffers.Count} buffers.");
        }

        if (dataByIndex.TryGetValue(index, out var cached))
        {
            return cached;
        }

        var buffer = buffers.GetTable((int)index);
        if (buffer.GetUInt64(Buffer.Offset, 0) >= FirstValidExternalOffset)
        {
            throw new ModelException($"{describe} keeps its data outside the flatbuffer (buffer {index} has an offset, as models over 2 GB do), which is not supported.");
        }

        var data = buffer.GetVector(Buffer.Data, 1) is { Count: > 0 } vector ? vector.ToBytes() : null;
        dataByIndex[index] = data;
        return data;
    }
}
