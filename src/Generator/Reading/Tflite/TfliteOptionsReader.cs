using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Graph;
using static QuantizedModels.Generator.Reading.Tflite.TfliteSchema;

namespace QuantizedModels.Generator.Reading.Tflite;

/// <summary>
/// Decodes the builtin options table of the operators the compiler knows into node attributes named after
/// the schema's fields. Enum fields become their schema names (padding "SAME", fused activation "RELU6").
/// </summary>
internal static class TfliteOptionsReader
{
    private static readonly string[] PaddingNames = { "SAME", "VALID" };
    private static readonly string[] ActivationNames = { "NONE", "RELU", "RELU_N1_TO_1", "RELU6", "TANH", "SIGN_BIT" };
    private static readonly string[] WeightsFormatNames = { "DEFAULT", "SHUFFLED4x16INT8" };

    // LOGISTIC, TANH, RELU and RELU6 have no options table; other operators keep their options undecoded.
    private static readonly Dictionary<string, (byte OptionsType, OptionsDecoder Decode)> DecodersByOperator = new()
    {
        ["CONV_2D"] = (BuiltinOptions.Conv2D, ReadConv2D),
        ["DEPTHWISE_CONV_2D"] = (BuiltinOptions.DepthwiseConv2D, ReadDepthwiseConv2D),
        ["AVERAGE_POOL_2D"] = (BuiltinOptions.Pool2D, ReadPool2D),
        ["MAX_POOL_2D"] = (BuiltinOptions.Pool2D, ReadPool2D),
        ["FULLY_CONNECTED"] = (BuiltinOptions.FullyConnected, ReadFullyConnected),
        ["SOFTMAX"] = (BuiltinOptions.Softmax, ReadSoftmax),
        ["CONCATENATION"] = (BuiltinOptions.Concatenation, ReadConcatenation),
        ["ADD"] = (BuiltinOptions.Add, ReadAdd),
        ["MUL"] = (BuiltinOptions.Mul, ReadMul),
        ["RESHAPE"] = (BuiltinOptions.Reshape, ReadReshape),
        ["MEAN"] = (BuiltinOptions.Reducer, ReadReducer),
        ["PAD"] = (BuiltinOptions.Pad, ReadNothing),
        ["QUANTIZE"] = (BuiltinOptions.Quantize, ReadNothing),
        ["DEQUANTIZE"] = (BuiltinOptions.Dequantize, ReadNothing),
    };

    private delegate void OptionsDecoder(FlatTable options, Dictionary<string, AttributeValue> attributes);

    /// <param name="optionsType">The operator's builtin_options_type (a BuiltinOptions union member).</param>
    /// <param name="options">The options table, or null when the operator stores none (type NONE).</param>
    /// <exception cref="FlatBufferFormatException">The options are damaged or do not belong to the operator.</exception>
    public static void Read(Node node, byte optionsType, FlatTable? options)
    {
        if (!DecodersByOperator.TryGetValue(node.OpType, out var decoder))
        {
            return;
        }

        if (optionsType != BuiltinOptions.None && optionsType != decoder.OptionsType)
        {
            throw new FlatBufferFormatException(
                options?.Position ?? 0,
                $"its options are BuiltinOptions member {optionsType}, but {node.OpType} takes member {decoder.OptionsType}.");
        }

        // An operator without an options table gets every field's schema default, as TFLite gives it.
        decoder.Decode(options ?? default, node.Attributes);
    }

    private static void ReadConv2D(FlatTable options, Dictionary<string, AttributeValue> attributes)
    {
        SetEnum(attributes, "padding", options, Conv2DOptions.Padding, PaddingNames);
        SetInt(attributes, "stride_w", options.GetInt32(Conv2DOptions.StrideW, 0));
        SetInt(attributes, "stride_h", options.GetInt32(Conv2DOptions.StrideH, 0));
        SetEnum(attributes, "fused_activation_function", options, Conv2DOptions.FusedActivation, ActivationNames);
        SetInt(attributes, "dilation_w_factor", options.GetInt32(Conv2DOptions.DilationW, 1));
        SetInt(attributes, "dilation_h_factor", options.GetInt32(Conv2DOptions.DilationH, 1));
    }

    private static void ReadDepthwiseConv2D(FlatTable options, Dictionary<string, AttributeValue> attributes)
    {
        SetEnum(attributes, "padding", options, DepthwiseConv2DOptions.Padding, PaddingNames);
        SetInt(attributes, "stride_w", options.GetInt32(DepthwiseConv2DOptions.StrideW, 0));
        SetInt(attributes, "stride_h", options.GetInt32(DepthwiseConv2DOptions.StrideH, 0));
        SetInt(attributes, "depth_multiplier", options.GetInt32(DepthwiseConv2DOptions.DepthMultiplier, 0));
        SetEnum(attributes, "fused_activation_function", options, DepthwiseConv2DOptions.FusedActivation, ActivationNames);
        SetInt(attributes, "dilation_w_factor", options.GetInt32(DepthwiseConv2DOptions.DilationW, 1));
        SetInt(attributes, "dilation_h_factor", options.GetInt32(DepthwiseConv2DOptions.DilationH, 1));
    }

    private static void ReadPool2D(FlatTable options, Dictionary<string, AttributeValue> attributes)
    {
        SetEnum(attributes, "padding", options, Pool2DOptions.Padding, PaddingNames);
        SetInt(attributes, "stride_w", options.GetInt32(Pool2DOptions.StrideW, 0));
        SetInt(attributes, "stride_h", options.GetInt32(Pool2DOptions.StrideH, 0));
        SetInt(attributes, "filter_width", options.GetInt32(Pool2DOptions.FilterWidth, 0));
        SetInt(attributes, "filter_height", options.GetInt32(Pool2DOptions.FilterHeight, 0));
        SetEnum(attributes, "fused_activation_function", options, Pool2DOptions.FusedActivation, ActivationNames);
    }

    private static void ReadFullyConnected(FlatTable options, Dictionary<string, AttributeValue> attributes)
    {
        SetEnum(attributes, "fused_activation_function", options, FullyConnectedOptions.FusedActivation, ActivationNames);
        SetEnum(attributes, "weights_format", options, FullyConnectedOptions.WeightsFormat, WeightsFormatNames);
        SetBool(attributes, "keep_num_dims", options.GetBool(FullyConnectedOptions.KeepNumDims, false));
        SetBool(attributes, "asymmetric_quantize_inputs", options.GetBool(FullyConnectedOptions.AsymmetricQuantizeInputs, false));
    }

    private static void ReadSoftmax(FlatTable options, Dictionary<string, AttributeValue> attributes) =>
        attributes["beta"] = new AttributeValue { Kind = AttributeKind.Float, Float = options.GetFloat(SoftmaxOptions.Beta, 0f) };

    private static void ReadConcatenation(FlatTable options, Dictionary<string, AttributeValue> attributes)
    {
        SetInt(attributes, "axis", options.GetInt32(ConcatenationOptions.Axis, 0));
        SetEnum(attributes, "fused_activation_function", options, ConcatenationOptions.FusedActivation, ActivationNames);
    }

    private static void ReadAdd(FlatTable options, Dictionary<string, AttributeValue> attributes)
    {
        SetEnum(attributes, "fused_activation_function", options, AddOptions.FusedActivation, ActivationNames);
        SetBool(attributes, "pot_scale_int16", options.GetBool(AddOptions.PotScaleInt16, true));
    }

    private static void ReadMul(FlatTable options, Dictionary<string, AttributeValue> attributes) =>
        SetEnum(attributes, "fused_activation_function", options, MulOptions.FusedActivation, ActivationNames);

    /// <summary>new_shape is optional (the shape usually arrives as the second input), so it is set only when stored.</summary>
    private static void ReadReshape(FlatTable options, Dictionary<string, AttributeValue> attributes)
    {
        if (options.GetVector(ReshapeOptions.NewShape, 4) is { } newShape)
        {
            attributes["new_shape"] = new AttributeValue { Kind = AttributeKind.Ints, Ints = newShape.ToInt32s().Select(d => (long)d).ToArray() };
        }
    }

    private static void ReadReducer(FlatTable options, Dictionary<string, AttributeValue> attributes) =>
        SetBool(attributes, "keep_dims", options.GetBool(ReducerOptions.KeepDims, false));

    private static void ReadNothing(FlatTable options, Dictionary<string, AttributeValue> attributes)
    {
    }

    private static void SetEnum(Dictionary<string, AttributeValue> attributes, string name, FlatTable options, int slot, string[] names)
    {
        var code = options.GetByte(slot, 0);
        if (code >= names.Length)
        {
            throw new FlatBufferFormatException(options.Position, $"{name} is {code}, which is not one of {string.Join(", ", names)} (0 to {names.Length - 1}).");
        }

        attributes[name] = new AttributeValue { Kind = AttributeKind.String, String = names[code] };
    }

    private static void SetInt(Dictionary<string, AttributeValue> attributes, string name, long value) =>
        attributes[name] = new AttributeValue { Kind = AttributeKind.Int, Int = value };

    /// <summary>Booleans are 0/1 integers, as ONNX attributes carry them.</summary>
    private static void SetBool(Dictionary<string, AttributeValue> attributes, string name, bool value) => SetInt(attributes, name, value ? 1 : 0);
}
