using System;
using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Reading.Tflite;
using QuantizedModels.TestSupport;
using Schema = QuantizedModels.Generator.Reading.Tflite.TfliteSchema;
using Table = QuantizedModels.TestSupport.FlatBufferWriter.Table;

namespace QuantizedModels.Oracle.Crafting;

/// <summary>
/// Builds a one-subgraph TFLite model: int8 activations quantized per tensor (or float32 ones), int8 weights per tensor or per
/// channel, int32 biases and shapes as constant buffers, operators by their builtin names. Tensor methods
/// return the tensor's index, which operators take as inputs and outputs.
/// </summary>
public sealed class TfliteModelBuilder
{
    private const byte Float32 = 0;
    private const byte Int32 = 2;
    private const byte Int8 = 9;

    // Buffer 0 is the empty sentinel that tensors without constant data point to.
    private readonly List<Table> _buffers = [new Table()];
    private readonly List<Table> _tensors = [];
    private readonly List<Table> _operators = [];
    private readonly List<string> _operatorNames = [];

    /// <summary>An int8 activation: the graph input or output, or a tensor between operators.</summary>
    public int Activation(int[] shape, float scale, int zeroPoint) =>
        AddTensor(shape, Int8, Quantization([scale], [zeroPoint], 0), data: null);

    /// <summary>A float32 activation: a float model's tensor, or the graph input of a QUANTIZE or output of a DEQUANTIZE.</summary>
    public int FloatActivation(int[] shape) => AddTensor(shape, Float32, quantization: null, data: null);

    /// <summary>A constant float32 tensor: a float model's weights, biases or elementwise operand.</summary>
    public int FloatConstant(int[] shape, float[] values) =>
        AddTensor(shape, Float32, quantization: null, values.SelectMany(BitConverter.GetBytes).ToArray());

    /// <summary>Constant int8 weights: one scale (per tensor) or one per slice along <paramref name="channelDimension"/>, zero points 0.</summary>
    public int Weights(int[] shape, sbyte[] values, float[] scales, int channelDimension) =>
        AddTensor(shape, Int8, Quantization(scales, new long[scales.Length], channelDimension), (byte[])(Array)values);

    /// <summary>A constant int8 tensor quantized per tensor, e.g. the second input of an ADD.</summary>
    public int Int8Constant(int[] shape, sbyte[] values, float scale, int zeroPoint) =>
        AddTensor(shape, Int8, Quantization([scale], [zeroPoint], 0), (byte[])(Array)values);

    /// <summary>An int32 bias quantized as TFLite's converter writes it: scale input scale x filter scale, zero point 0.</summary>
    public int Bias(int[] values, float[] scales) =>
        AddTensor([values.Length], Int32, Quantization(scales, new long[scales.Length], 0), Bytes(values));

    /// <summary>An unquantized int32 constant, e.g. RESHAPE's shape input or PAD's [rank, 2] paddings; 1-D unless shaped.</summary>
    public int Int32Constant(int[] values, int[]? shape = null) => AddTensor(shape ?? [values.Length], Int32, quantization: null, Bytes(values));

    public TfliteModelBuilder Operator(string builtinName, TfliteOptions? options, int[] inputs, int[] outputs)
    {
        if (!_operatorNames.Contains(builtinName)) _operatorNames.Add(builtinName);
        var op = new Table()
            .Int(Schema.Operator.OpcodeIndex, _operatorNames.IndexOf(builtinName))
            .Child(Schema.Operator.Inputs, inputs)
            .Child(Schema.Operator.Outputs, outputs);
        if (options is not null) op.Byte(Schema.Operator.BuiltinOptionsType, options.UnionType).Child(Schema.Operator.BuiltinOptions, options.Table);
        _operators.Add(op);
        return this;
    }

    public byte[] Build(int input, int output) => FlatBufferWriter.Build(new Table()
        .Int(Schema.Model.Version, (int)Schema.Version)
        .Child(Schema.Model.OperatorCodes, _operatorNames.Select(OperatorCode).ToArray())
        .Child(Schema.Model.Subgraphs, new[]
        {
            new Table()
                .Child(Schema.SubGraph.Tensors, _tensors.ToArray())
                .Child(Schema.SubGraph.Inputs, new[] { input })
                .Child(Schema.SubGraph.Outputs, new[] { output })
                .Child(Schema.SubGraph.Operators, _operators.ToArray())
                .Child(Schema.SubGraph.Name, "main"),
        })
        .Child(Schema.Model.Description, "crafted by QuantizedModels.Oracle")
        .Child(Schema.Model.Buffers, _buffers.ToArray()));

    private int AddTensor(int[] shape, byte type, Table? quantization, byte[]? data)
    {
        var tensor = new Table()
            .Child(Schema.Tensor.Shape, shape)
            .Byte(Schema.Tensor.Type, type)
            .Int(Schema.Tensor.Buffer, data is null ? 0 : AddBuffer(data))
            .Child(Schema.Tensor.Name, "t" + _tensors.Count);
        if (quantization is not null) tensor.Child(Schema.Tensor.Quantization, quantization);
        _tensors.Add(tensor);
        return _tensors.Count - 1;
    }

    private int AddBuffer(byte[] data)
    {
        _buffers.Add(new Table().Child(Schema.Buffer.Data, data));
        return _buffers.Count - 1;
    }

    private static Table Quantization(float[] scales, long[] zeroPoints, int dimension) => new Table()
        .Child(Schema.QuantizationParameters.Scale, scales)
        .Child(Schema.QuantizationParameters.ZeroPoint, zeroPoints)
        .Int(Schema.QuantizationParameters.QuantizedDimension, dimension);

    /// <summary>Codes above 127 keep 127 in the old byte field, as the converter writes them.</summary>
    private static Table OperatorCode(string name)
    {
        var code = Enumerable.Range(0, 256).First(c => TfliteBuiltinOperators.Name(c) == name);
        return new Table()
            .Byte(Schema.OperatorCode.DeprecatedBuiltinCode, (byte)Math.Min(code, 127))
            .Int(Schema.OperatorCode.BuiltinCode, code);
    }

    private static byte[] Bytes(int[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();
}
