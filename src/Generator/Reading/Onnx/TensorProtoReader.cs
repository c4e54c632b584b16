using System;
using System.Collections.Generic;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Reading.Protobuf;

namespace QuantizedModels.Generator.Reading.Onnx;

/// <summary>Reads an ONNX <c>TensorProto</c>, whatever field holds its elements, into little-endian <see cref="TensorData"/>.</summary>
internal static class TensorProtoReader
{
    /// <summary>Largest tensor accepted: a bound on what a hostile file can make the build allocate.</summary>
    public const long MaxTensorBytes = 1L << 30;

    /// <summary>A standalone serialized TensorProto, such as the ONNX backend tests' <c>input_0.pb</c>.</summary>
    public static TensorData ReadTensor(byte[] bytes) =>
        Read(new ProtoReader(bytes), name => name.Length > 0 ? $"The tensor '{name}'" : "The tensor", externalData: null).Data;

    /// <param name="describe">Names the tensor in errors, given its name (possibly empty).</param>
    /// <param name="externalData">Source of external files, or null where tensors must be self-contained.</param>
    public static (string Name, TensorData Data) Read(ProtoReader message, Func<string, string> describe, ExternalData? externalData)
    {
        var fields = TensorFields.Scan(message, describe);
        var where = describe(fields.Name);
        var type = OnnxDataType.ToTensorElementType(fields.DataType, where);
        var dims = ReadDims(fields.Dims, where);
        var byteCount = ByteCount(dims, type, where);
        return (fields.Name, new TensorData(type, dims, Contents(fields, type, dims, byteCount, where, externalData)));
    }

    private static long[] ReadDims(List<ulong> stored, string where)
    {
        var dims = new long[stored.Count];
        for (var i = 0; i < dims.Length; i++)
        {
            dims[i] = unchecked((long)stored[i]);
            if (dims[i] < 0)
            {
                throw new ModelException($"{where} has a negative dimension ({dims[i]}) at position {i}.");
            }
        }

        return dims;
    }

    private static long ByteCount(long[] dims, ElementType type, string where)
    {
        if (Array.IndexOf(dims, 0L) >= 0)
        {
            return 0;
        }

        var limitInElements = MaxTensorBytes / type.SizeInBytes();
        long count = 1;
        foreach (var d in dims)
        {
            // Comparing with the limit before multiplying keeps the product far from overflow.
            if (count > limitInElements / d)
            {
                throw new ModelException($"{where} has dimensions {Shape.Format(dims)} of {type.DisplayName()}, over the limit of {MaxTensorBytes} bytes (1 GiB) for one tensor.");
            }

            count *= d;
        }

        return count * type.SizeInBytes();
    }

    private static byte[] Contents(TensorFields fields, ElementType type, long[] dims, long byteCount, string where, ExternalData? externalData)
    {
        if (fields.IsSegmented)
        {
            throw new ModelException($"{where} is stored in segments, which are not supported.");
        }

        if (fields.DataLocation == TensorFields.ExternalLocation)
        {
            return externalData?.Read(fields.ExternalData, where, byteCount)
                ?? throw new ModelException($"{where} refers to an external data file, which a standalone tensor file cannot do.");
        }

        if (fields.DataLocation != 0)
        {
            throw new ModelException($"{where} has data_location {fields.DataLocation}; only 0 (inside the model) and 1 (external file) exist.");
        }

        if (fields.RawData is { } raw)
        {
            if (raw.Length != byteCount)
            {
                throw new ModelException($"{where} has {raw.Length} bytes of raw_data, but {Shape.Format(dims)} elements of {type.DisplayName()} need {byteCount}.");
            }

            return raw;
        }

        return TypedFieldData.ToBytes(fields, type, byteCount / type.SizeInBytes(), where);
    }
}
