using System;
using System.Linq;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Passes.ShapeInference;

namespace QuantizedModels.Generator.Passes;

/// <summary>
/// Evaluates nodes whose result is known at build time: shape arithmetic (Shape, Gather, Concat, ...),
/// layout changes of constants, and elementwise math on constants. Runs node by node during shape propagation.
/// </summary>
internal static class ConstantFolding
{
    /// <summary>Folds the node if it can; returns true when its outputs became constants.</summary>
    public static bool TryFold(ShapeContext c)
    {
        var node = c.Node;
        if (node.OpType == "Shape")
        {
            var dims = LayoutShapes.ShapeSlice(c);
            SetConstant(c, TensorData.FromInt64s(new long[] { dims.Length }, dims));
            return true;
        }

        var inputs = node.Inputs.Where(i => i.Length > 0).Select(i => c.Graph.GetValue(i)).ToList();
        if (inputs.Count == 0 || inputs.Any(v => v.Constant is null)) return false;
        var output = c.Graph.GetValue(node.Outputs[0]);
        var first = inputs[0].Constant!;
        switch (node.OpType)
        {
            case "Identity":
            case "Dropout":
            case "Reshape":
            case "Flatten":
            case "Squeeze":
            case "Unsqueeze":
                SetConstant(c, new TensorData(first.Type, output.Dims!, first.Bytes));
                return true;
            case "Cast":
                SetConstant(c, Cast(first, output.Type, output.Dims!));
                return true;
            case "Transpose":
                SetConstant(c, new TensorData(first.Type, output.Dims!, Transpose(first, LayoutShapes.Permutation(c))));
                return true;
            case "Concat":
                var axis = c.NormalizeAxis(node.GetInt("axis", 0), first.Dims.Length);
                SetConstant(c, new TensorData(first.Type, output.Dims!, Concat(inputs.Select(v => v.Constant!).ToArray(), axis)));
                return true;
            case "Gather":
                SetConstant(c, new TensorData(first.Type, output.Dims!, Gather(first, inputs[1].Constant!, c.NormalizeAxis(node.GetInt("axis", 0), first.Dims.Length))));
                return true;
            case "ConstantOfShape":
                SetConstant(c, ConstantOfShape(c, output));
                return true;
            case "Add":
            case "Sub":
            case "Mul":
            case "Div":
                SetConstant(c, Arithmetic(node.OpType, first, inputs[1].Constant!, output));
                return true;
            case "DequantizeLinear":
                Dequantize(c, first, inputs.Count > 1 ? inputs[1].Constant!.ToFloats() : new[] { 1f }, inputs.Count > 2 ? inputs[2].Constant!.ToInt64s() : new long[] { 0 }, output);
                return true;
            default:
                return false;
        }
    }

    /// <summary>real = (q - zero point) * scale, per tensor or per slice of the axis; the integer data is kept alongside.</summary>
    private static void Dequantize(ShapeContext c, TensorData quantized, float[] scales, long[] zeroPoints, Value output)
    {
        var dims = quantized.Dims;
        var axis = scales.Length == 1 ? 0 : c.NormalizeAxis(c.Node.GetInt("axis", 1), dims.Length);
        if (scales.Length != 1 && (dims[axis] != scales.Length || zeroPoints.Length != scales.Length))
        {
            throw c.Invalid($"{scales.Length} scales and {zeroPoints.Length} zero points for dimension {axis} of {Shape.Format(dims)}.");
        }

        var q = quantized.ToInt64s();
        var inner = Shape.ElementCount(dims.Skip(axis + 1).ToArray());
        var values = new float[q.Length];
        for (var i = 0; i < q.Length; i++)
        {
            var channel = scales.Length == 1 ? 0 : (int)(i / inner % scales.Length);
            values[i] = (q[i] - zeroPoints[channel]) * scales[channel];
        }

        SetConstant(c, TensorData.FromFloats(dims, values));
        output.QuantizedSource = quantized;
        output.Quantization = new QuantizationInfo(scales, zeroPoints, axis);
    }

    private static void SetConstant(ShapeContext c, TensorData data)
    {
        var value = c.Graph.GetValue(c.Node.Outputs[0]);
        value.Type = data.Type;
        value.Dims = data.Dims;
        value.Constant = data;
    }

    private static TensorData Cast(TensorData source, ElementType target, long[] dims) => target switch
    {
        ElementType.Float => TensorData.FromFloats(dims, source.ToFloats()),
        ElementType.Int64 => TensorData.FromInt64s(dims, source.Type == ElementType.Float || source.Type == ElementType.Double ? source.ToFloats().Select(f => (long)f).ToArray() : source.ToInt64s()),
        _ when target == source.Type => new TensorData(target, dims, source.Bytes),
        _ => throw new ModelException($"Casting a constant from {source.Type.DisplayName()} to {target.DisplayName()} is not supported.", Diagnostics.DiagnosticIds.UnsupportedModel),
    };

    private static byte[] Transpose(TensorData source, int[] perm)
    {
        var size = source.Type.SizeInBytes();
        var dims = source.Dims;
        var rank = dims.Length;
        var inStrides = Shape.Strides(dims);
        var outDims = perm.Select(p => dims[p]).ToArray();
        var result = new byte[source.Bytes.Length];
        var index = new long[rank];
        var count = source.ElementCount;
        for (long o = 0; o < count; o++)
        {
            long offset = 0;
            for (var d = 0; d < rank; d++) offset += index[d] * inStrides[perm[d]];
            Buffer.BlockCopy(source.Bytes, (int)(offset * size), result, (int)(o * size), size);
            for (var d = rank - 1; d >= 0 && ++index[d] == outDims[d]; d--) index[d] = 0;
        }

        return result;
    }

    private static byte[] Concat(TensorData[] parts, int axis)
    {
        var size = parts[0].Type.SizeInBytes();
        var outer = Shape.ElementCount(parts[0].Dims.Take(axis).ToArray());
        var result = new byte[parts.Sum(p => p.Bytes.Length)];
        var position = 0;
        for (long o = 0; o < outer; o++)
        {
            foreach (var part in parts)
            {
                var block = (int)(Shape.ElementCount(part.Dims.Skip(axis).ToArray()) * size);
                Buffer.BlockCopy(part.Bytes, (int)(o * block), result, position, block);
                position += block;
            }
        }

        return result;
    }

    private static byte[] Gather(TensorData data, TensorData indices, int axis)
    {
        var size = data.Type.SizeInBytes();
        var outer = Shape.ElementCount(data.Dims.Take(axis).ToArray());
        var inner = (int)(Shape.ElementCount(data.Dims.Skip(axis + 1).ToArray()) * size);
        var axisLength = data.Dims[axis];
        var picks = indices.ToInt64s();
        var result = new byte[outer * picks.Length * inner];
        var position = 0;
        for (long o = 0; o < outer; o++)
        {
            foreach (var raw in picks)
            {
                var i = raw < 0 ? raw + axisLength : raw;
                if (i < 0 || i >= axisLength) throw new ModelException($"Gather index {raw} is outside an axis of length {axisLength}.");
                Buffer.BlockCopy(data.Bytes, (int)(((o * axisLength) + i) * inner), result, position, inner);
                position += inner;
            }
        }

        return result;
    }

    private static TensorData ConstantOfShape(ShapeContext c, Value output)
    {
        var fill = c.Node.Attributes.TryGetValue("value", out var v) && v.Tensor is not null ? v.Tensor : TensorData.FromFloats(new long[] { 1 }, new[] { 0f });
        var count = checked((int)Shape.ElementCount(output.Dims!));
        var size = fill.Type.SizeInBytes();
        var bytes = new byte[count * size];
        for (var i = 0; i < count; i++) Buffer.BlockCopy(fill.Bytes, 0, bytes, i * size, size);
        return new TensorData(fill.Type, output.Dims!, bytes);
    }

    private static TensorData Arithmetic(string op, TensorData a, TensorData b, Value output)
    {
        var dims = output.Dims!;
        var aIndex = Shape.BroadcastSourceIndex(a.Dims, dims);
        var bIndex = Shape.BroadcastSourceIndex(b.Dims, dims);
        var count = checked((int)Shape.ElementCount(dims));
        if (a.Type is ElementType.Float or ElementType.Double or ElementType.Float16)
        {
            var x = a.ToFloats();
            var y = b.ToFloats();
            var r = new float[count];
            for (var i = 0; i < count; i++)
            {
                var p = x[aIndex(i)];
                var q = y[bIndex(i)];
                r[i] = op switch { "Add" => p + q, "Sub" => p - q, "Mul" => p * q, _ => p / q };
            }

            return TensorData.FromFloats(dims, r);
        }

        var xi = a.ToInt64s();
        var yi = b.ToInt64s();
        var ri = new long[count];
        for (var i = 0; i < count; i++)
        {
            var p = xi[aIndex(i)];
            var q = yi[bIndex(i)];
            if (op == "Div" && q == 0) throw new ModelException("A constant integer division divides by zero.");
            ri[i] = op switch { "Add" => p + q, "Sub" => p - q, "Mul" => p * q, _ => p / q };
        }

        return a.Type == ElementType.Int64 ? TensorData.FromInt64s(dims, ri) : Cast(TensorData.FromInt64s(dims, ri), a.Type, dims);
    }
}
