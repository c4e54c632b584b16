using System.Linq;
using QuantizedModels.Generator.Graph;
using static QuantizedModels.Generator.Reading.Tflite.TfliteSchema;

namespace QuantizedModels.Generator.Reading.Tflite;

/// <summary>Reads a TFLite <c>Tensor</c> table into a <see cref="Value"/>: type, dimensions, quantization and constant data.</summary>
internal static class TfliteTensorReader
{
    /// <summary>The largest tensor the compiler accepts, so a damaged shape cannot make later stages allocate without bound.</summary>
    private const long MaxTensorBytes = 1L << 30;

    private static readonly string[] QuantizationDetailNames = { "", "custom", "blockwise", "multi-axis" };

    /// <param name="name">The tensor's unique name in the graph.</param>
    /// <param name="describe">How errors name the tensor, e.g. "Tensor 3 ('conv/weights')".</param>
    /// <exception cref="FlatBufferFormatException">The table is damaged.</exception>
    public static Value Read(FlatTable tensor, string name, string describe, TfliteBuffers buffers)
    {
        var typeCode = tensor.GetByte(Tensor.Type, 0);
        var type = ((TfliteTensorType)typeCode).ToElementType();
        if (type == ElementType.Undefined)
        {
            throw new ModelException($"{describe} has element type {TfliteTensorTypeExtensions.DisplayName(typeCode)}, which is not supported.");
        }

        RejectUnsupportedStorage(tensor, describe);
        var shape = ReadShape(tensor, describe);
        var dims = ReadShapeSignature(tensor, shape, describe) ?? shape;
        var byteCount = ByteCount(shape, type, describe);

        var value = new Value(name, type, dims)
        {
            Quantization = ReadQuantization(tensor.GetTable(Tensor.Quantization), shape, describe),
        };

        var bufferIndex = tensor.GetUInt32(Tensor.Buffer, 0);
        if (buffers.Data(bufferIndex, describe) is { } data)
        {
            if (type == ElementType.String)
            {
                throw new ModelException($"{describe} is a constant string tensor, which is not supported.");
            }

            if (data.Length != byteCount)
            {
                throw new ModelException($"{describe} has {data.Length} bytes of data in buffer {bufferIndex}, but shape {Shape.Format(shape)} of {type.DisplayName()} needs {byteCount}.");
            }

            value.Constant = new TensorData(type, shape, data);
        }

        return value;
    }

    private static void RejectUnsupportedStorage(FlatTable tensor, string describe)
    {
        if (tensor.Has(Tensor.Sparsity))
        {
            throw new ModelException($"{describe} is stored sparse, which is not supported.");
        }

        if (tensor.GetUInt32(Tensor.ExternalBuffer, 0) != 0)
        {
            throw new ModelException($"{describe} keeps its data in an external buffer, which is not supported.");
        }

        if (tensor.GetBool(Tensor.IsVariable, false))
        {
            throw new ModelException($"{describe} is a variable (state kept between runs), which is not supported.");
        }
    }

    /// <summary><c>shape</c> holds the concrete dimensions (1 where the signature has -1), so all must be zero or more.</summary>
    private static long[] ReadShape(FlatTable tensor, string describe)
    {
        var shape = tensor.GetVector(Tensor.Shape, 4)?.ToInt32s() ?? new int[0];
        for (var i = 0; i < shape.Length; i++)
        {
            if (shape[i] < 0)
            {
                throw new ModelException($"{describe} has dimension {shape[i]} at position {i} of its shape; dimensions must be zero or more.");
            }
        }

        return shape.Select(d => (long)d).ToArray();
    }

    /// <summary>The dimensions with -1 for those only known at run time, or null when the tensor has no signature.</summary>
    private static long[]? ReadShapeSignature(FlatTable tensor, long[] shape, string describe)
    {
        if (tensor.GetVector(Tensor.ShapeSignature, 4) is not { } vector)
        {
            return null;
        }

        var signature = vector.ToInt32s();
        if (signature.Length != shape.Length)
        {
            throw new ModelException($"{describe} has a shape signature of rank {signature.Length} but a shape of rank {shape.Length}.");
        }

        for (var i = 0; i < signature.Length; i++)
        {
            if (signature[i] < -1)
            {
                throw new ModelException($"{describe} has dimension {signature[i]} at position {i} of its shape signature; only -1 (dynamic) or a size is allowed.");
            }
        }

        return signature.Select(d => (long)d).ToArray();
    }

    private static long ByteCount(long[] shape, ElementType type, string describe)
    {
        long bytes = System.Math.Max(type.SizeInBytes(), 1);
        foreach (var d in shape)
        {
            if (d != 0 && bytes > MaxTensorBytes / d)
            {
                throw new ModelException($"{describe} has shape {Shape.Format(shape)}, more than the 1 GiB a tensor may hold.");
            }

            bytes *= d;
        }

        return bytes;
    }

    private static QuantizationInfo? ReadQuantization(FlatTable? parameters, long[] shape, string describe)
    {
        if (parameters is not { } table)
        {
            return null;
        }

        var details = table.GetByte(QuantizationParameters.DetailsType, 0);
        if (details != 0)
        {
            var kind = details < QuantizationDetailNames.Length ? QuantizationDetailNames[details] : $"type {details}";
            throw new ModelException($"{describe} uses {kind} quantization, which is not supported (only scales and zero points).");
        }

        if (table.GetVector(QuantizationParameters.Scale, 4) is not { Count: > 0 } scaleVector)
        {
            return null;
        }

        var scales = new float[scaleVector.Count];
        for (var i = 0; i < scales.Length; i++)
        {
            scales[i] = scaleVector.GetFloat(i);
            if (!(scales[i] >= 0) || float.IsInfinity(scales[i]))
            {
                throw new ModelException($"{describe} has quantization scale {scales[i]}; scales must be finite and not negative.");
            }
        }

        var zeroPoints = new long[scales.Length];
        if (table.GetVector(QuantizationParameters.ZeroPoint, 8) is { Count: > 0 } zeroPointVector)
        {
            if (zeroPointVector.Count != scales.Length)
            {
                throw new ModelException($"{describe} has {scales.Length} quantization scales but {zeroPointVector.Count} zero points.");
            }

            for (var i = 0; i < zeroPoints.Length; i++)
            {
                zeroPoints[i] = zeroPointVector.GetInt64(i);
                if (zeroPoints[i] < int.MinValue || zeroPoints[i] > int.MaxValue)
                {
                    throw new ModelException($"{describe} has zero point {zeroPoints[i]}, outside the 32-bit range.");
                }
            }
        }

        var axis = table.GetInt32(QuantizationParameters.QuantizedDimension, 0);
        if (scales.Length > 1 && (axis < 0 || axis >= shape.Length || shape[axis] != scales.Length))
        {
            throw new ModelException($"{describe} has {scales.Length} per-channel scales along dimension {axis}, but its shape is {Shape.Format(shape)}.");
        }

        return new QuantizationInfo(scales, zeroPoints, axis);
    }
}
