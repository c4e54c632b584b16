using QuantizedModels.TestSupport;
using Schema = QuantizedModels.Generator.Reading.Tflite.TfliteSchema;

namespace QuantizedModels.Oracle.Crafting;

/// <summary>TFLite's Padding enum (schema.fbs).</summary>
public enum Padding : byte
{
    Same = 0,
    Valid = 1,
}

/// <summary>TFLite's ActivationFunctionType enum (schema.fbs), the members int8 kernels fuse.</summary>
public enum Activation : byte
{
    None = 0,
    Relu = 1,
    ReluN1To1 = 2,
    Relu6 = 3,
}

/// <summary>An operator's builtin_options: the union member and its table.</summary>
public sealed record TfliteOptions(byte UnionType, FlatBufferWriter.Table Table)
{
    public static TfliteOptions Conv2D(Padding padding, (int H, int W) stride, (int H, int W) dilation, Activation activation) =>
        new(Schema.BuiltinOptions.Conv2D, new FlatBufferWriter.Table()
            .Byte(Schema.Conv2DOptions.Padding, (byte)padding)
            .Int(Schema.Conv2DOptions.StrideW, stride.W)
            .Int(Schema.Conv2DOptions.StrideH, stride.H)
            .Byte(Schema.Conv2DOptions.FusedActivation, (byte)activation)
            .Int(Schema.Conv2DOptions.DilationW, dilation.W)
            .Int(Schema.Conv2DOptions.DilationH, dilation.H));

    public static TfliteOptions DepthwiseConv2D(Padding padding, (int H, int W) stride, (int H, int W) dilation, int depthMultiplier, Activation activation) =>
        new(Schema.BuiltinOptions.DepthwiseConv2D, new FlatBufferWriter.Table()
            .Byte(Schema.DepthwiseConv2DOptions.Padding, (byte)padding)
            .Int(Schema.DepthwiseConv2DOptions.StrideW, stride.W)
            .Int(Schema.DepthwiseConv2DOptions.StrideH, stride.H)
            .Int(Schema.DepthwiseConv2DOptions.DepthMultiplier, depthMultiplier)
            .Byte(Schema.DepthwiseConv2DOptions.FusedActivation, (byte)activation)
            .Int(Schema.DepthwiseConv2DOptions.DilationW, dilation.W)
            .Int(Schema.DepthwiseConv2DOptions.DilationH, dilation.H));

    public static TfliteOptions Pool2D(Padding padding, (int H, int W) stride, (int H, int W) filter, Activation activation) =>
        new(Schema.BuiltinOptions.Pool2D, new FlatBufferWriter.Table()
            .Byte(Schema.Pool2DOptions.Padding, (byte)padding)
            .Int(Schema.Pool2DOptions.StrideW, stride.W)
            .Int(Schema.Pool2DOptions.StrideH, stride.H)
            .Int(Schema.Pool2DOptions.FilterWidth, filter.W)
            .Int(Schema.Pool2DOptions.FilterHeight, filter.H)
            .Byte(Schema.Pool2DOptions.FusedActivation, (byte)activation));

    public static TfliteOptions FullyConnected(Activation activation) =>
        new(Schema.BuiltinOptions.FullyConnected, new FlatBufferWriter.Table()
            .Byte(Schema.FullyConnectedOptions.FusedActivation, (byte)activation));

    public static TfliteOptions Softmax(float beta) =>
        new(Schema.BuiltinOptions.Softmax, new FlatBufferWriter.Table().Float(Schema.SoftmaxOptions.Beta, beta));

    /// <summary>ADD's or MUL's options, whose one field here is the fused activation.</summary>
    public static TfliteOptions Elementwise(string builtinName, Activation activation) => builtinName switch
    {
        "ADD" => new(Schema.BuiltinOptions.Add, new FlatBufferWriter.Table().Byte(Schema.AddOptions.FusedActivation, (byte)activation)),
        "MUL" => new(Schema.BuiltinOptions.Mul, new FlatBufferWriter.Table().Byte(Schema.MulOptions.FusedActivation, (byte)activation)),
        _ => throw new System.ArgumentException($"{builtinName} is not an elementwise operator with options.", nameof(builtinName)),
    };

    public static TfliteOptions Concatenation(int axis) =>
        new(Schema.BuiltinOptions.Concatenation, new FlatBufferWriter.Table()
            .Int(Schema.ConcatenationOptions.Axis, axis)
            .Byte(Schema.ConcatenationOptions.FusedActivation, (byte)Activation.None));

    public static TfliteOptions Reducer(bool keepDims) =>
        new(Schema.BuiltinOptions.Reducer, new FlatBufferWriter.Table().Bool(Schema.ReducerOptions.KeepDims, keepDims));

    public static TfliteOptions Reshape(int[] newShape) =>
        new(Schema.BuiltinOptions.Reshape, new FlatBufferWriter.Table().Child(Schema.ReshapeOptions.NewShape, newShape));
}
