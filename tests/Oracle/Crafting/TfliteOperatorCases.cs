using System.Collections.Generic;

namespace QuantizedModels.Oracle.Crafting;

/// <summary>
/// The crafted single-operator models, per operator: shapes, strides, paddings (SAME with odd and even
/// windows pads unevenly), dilations, depth multipliers, per-tensor and per-channel weights, zero points of
/// both signs, multipliers above and below 1, each fused activation, input scales from tiny to wide for the
/// fixed-output LOGISTIC and TANH, and float inputs and outputs for QUANTIZE and DEQUANTIZE.
/// </summary>
public static class TfliteOperatorCases
{
    public static readonly IReadOnlyList<OperatorCase> Conv2D =
    [
        new("3x3 same", new ConvRecipe { Input = (8, 8, 3), OutChannels = 4, WeightScale = 0.01f, Out = new(0.4f, 7) }, AllowedDiffering: 23),
        new("3x3 valid stride 2 per-tensor", new ConvRecipe { Input = (9, 9, 4), OutChannels = 6, Stride = (2, 2), Padding = Padding.Valid, PerChannel = false, Out = new(0.5f, -10) }, AllowedDiffering: 3),
        new("5x3 same stride 2x1 relu", new ConvRecipe { Input = (10, 7, 2), OutChannels = 3, Kernel = (5, 3), Stride = (2, 1), Activation = Activation.Relu, Out = new(0.3f, -128) }),
        new("2x2 same stride 2 (even window)", new ConvRecipe { Input = (7, 7, 3), OutChannels = 5, Kernel = (2, 2), Stride = (2, 2), Out = new(0.2f, 3) }, AllowedDiffering: 8),
        new("4x4 same stride 3", new ConvRecipe { Input = (11, 10, 2), OutChannels = 4, Kernel = (4, 4), Stride = (3, 3), In = new(0.1f, 20), Out = new(0.6f, -4) }, AllowedDiffering: 11),
        new("3x3 same dilation 2", new ConvRecipe { Input = (9, 9, 3), OutChannels = 5, Dilation = (2, 2), Out = new(0.4f, 0) }, AllowedDiffering: 23),
        new("3x2 valid dilation 1x3 relu6", new ConvRecipe { Input = (8, 10, 2), OutChannels = 3, Kernel = (3, 2), Dilation = (1, 3), Padding = Padding.Valid, Activation = Activation.Relu6, Out = new(0.03f, -100) }),
        new("3x3 same relu_n1_to_1, negative zero points", new ConvRecipe { Input = (6, 6, 4), OutChannels = 4, Activation = Activation.ReluN1To1, In = new(0.02f, -128), Out = new(0.01f, -60) }, AllowedDiffering: 8),
        new("1x1 multiplier above 1", new ConvRecipe { Input = (5, 4, 1), OutChannels = 3, Kernel = (1, 1), In = new(0.5f, 10), WeightScale = 0.25f, WeightMax = 2, BiasMax = 40, Out = new(0.05f, -20) }),
        new("3x3 input zero point 127, 16 channels", new ConvRecipe { Input = (6, 6, 16), OutChannels = 8, In = new(0.1f, 127), Out = new(1.5f, 30) }, AllowedDiffering: 8),
    ];

    public static readonly IReadOnlyList<OperatorCase> DepthwiseConv2D =
    [
        new("3x3 same", new ConvRecipe { Input = (8, 8, 4), Out = new(0.15f, 2) }),
        new("3x3 valid stride 2 multiplier 2", new ConvRecipe { Input = (9, 9, 3), DepthMultiplier = 2, Stride = (2, 2), Padding = Padding.Valid, Out = new(0.15f, -9) }),
        new("5x5 same dilation 2 multiplier 3", new ConvRecipe { Input = (10, 10, 2), DepthMultiplier = 3, Kernel = (5, 5), Dilation = (2, 2), Out = new(0.25f, 4) }),
        new("3x3 same stride 2 per-tensor relu6", new ConvRecipe { Input = (6, 6, 8), Stride = (2, 2), PerChannel = false, Activation = Activation.Relu6, Out = new(0.04f, -128) }),
        new("1x1 multiplier above 1, multiplier 4", new ConvRecipe { Input = (5, 5, 3), DepthMultiplier = 4, Kernel = (1, 1), In = new(0.5f, -7), WeightScale = 0.25f, WeightMax = 2, BiasMax = 40, Out = new(0.05f, 15) }),
        new("3x2 valid stride 1x2 dilation 2x1 relu", new ConvRecipe { Input = (9, 8, 5), Kernel = (3, 2), Stride = (1, 2), Dilation = (2, 1), Padding = Padding.Valid, Activation = Activation.Relu, Out = new(0.1f, -128) }),
        new("3x3 same one input channel multiplier 8", new ConvRecipe { Input = (7, 7, 1), DepthMultiplier = 8, In = new(0.03f, 60), Out = new(0.08f, -3) }),
        new("4x4 same stride 3 relu_n1_to_1", new ConvRecipe { Input = (10, 11, 6), Kernel = (4, 4), Stride = (3, 3), Activation = Activation.ReluN1To1, Out = new(0.01f, 0) }),
    ];

    public static readonly IReadOnlyList<OperatorCase> FullyConnected =
    [
        new("64 to 10 per-tensor", new FullyConnectedRecipe { InFeatures = 64, OutFeatures = 10, PerChannel = false, Out = new(1.2f, 3) }),
        new("32 to 16 per-channel", new FullyConnectedRecipe { InFeatures = 32, OutFeatures = 16, Out = new(0.8f, -5) }),
        new("batch 3, 20 to 7 relu", new FullyConnectedRecipe { Batch = 3, InFeatures = 20, OutFeatures = 7, PerChannel = false, Activation = Activation.Relu, Out = new(0.6f, -128) }),
        new("4 to 6 multiplier above 1", new FullyConnectedRecipe { InFeatures = 4, OutFeatures = 6, PerChannel = false, In = new(0.5f, 1), WeightScale = 0.2f, WeightMax = 3, BiasMax = 30, Out = new(0.04f, -2) }),
        new("48 to 12 relu6, negative zero points", new FullyConnectedRecipe { InFeatures = 48, OutFeatures = 12, PerChannel = false, In = new(0.03f, -128), Activation = Activation.Relu6, Out = new(0.03f, -100) }),
        new("256 to 32 relu_n1_to_1", new FullyConnectedRecipe { InFeatures = 256, OutFeatures = 32, PerChannel = false, In = new(0.02f, 90), WeightScale = 0.002f, Activation = Activation.ReluN1To1, Out = new(0.01f, 5) }),
    ];

    public static readonly IReadOnlyList<OperatorCase> AveragePool2D =
    [
        new("2x2 valid stride 2", new PoolRecipe { Operator = "AVERAGE_POOL_2D", Input = (8, 8, 3), Filter = (2, 2), Stride = (2, 2) }),
        new("3x3 same stride 1", new PoolRecipe { Operator = "AVERAGE_POOL_2D", Input = (7, 7, 4), Filter = (3, 3), Padding = Padding.Same }),
        new("3x3 same stride 2 relu6", new PoolRecipe { Operator = "AVERAGE_POOL_2D", Input = (9, 9, 2), Filter = (3, 3), Stride = (2, 2), Padding = Padding.Same, Activation = Activation.Relu6, Quantization = new(0.05f, -20) }),
        new("3x2 valid stride 2x1", new PoolRecipe { Operator = "AVERAGE_POOL_2D", Input = (9, 6, 5), Filter = (3, 2), Stride = (2, 1), Quantization = new(0.2f, 40) }),
        new("global 5x5", new PoolRecipe { Operator = "AVERAGE_POOL_2D", Input = (5, 5, 8), Filter = (5, 5) }),
        new("4x4 same stride 3 relu, zero point -128", new PoolRecipe { Operator = "AVERAGE_POOL_2D", Input = (10, 11, 3), Filter = (4, 4), Stride = (3, 3), Padding = Padding.Same, Activation = Activation.Relu, Quantization = new(0.1f, -128) }),
    ];

    public static readonly IReadOnlyList<OperatorCase> MaxPool2D =
    [
        new("2x2 valid stride 2", new PoolRecipe { Operator = "MAX_POOL_2D", Input = (8, 8, 3), Filter = (2, 2), Stride = (2, 2) }),
        new("3x3 same stride 2", new PoolRecipe { Operator = "MAX_POOL_2D", Input = (9, 9, 4), Filter = (3, 3), Stride = (2, 2), Padding = Padding.Same }),
        new("3x2 valid stride 1x2 relu6", new PoolRecipe { Operator = "MAX_POOL_2D", Input = (7, 8, 2), Filter = (3, 2), Stride = (1, 2), Activation = Activation.Relu6, Quantization = new(0.03f, -50) }),
        new("4x4 same stride 3 relu_n1_to_1", new PoolRecipe { Operator = "MAX_POOL_2D", Input = (10, 11, 3), Filter = (4, 4), Stride = (3, 3), Padding = Padding.Same, Activation = Activation.ReluN1To1, Quantization = new(0.01f, 10) }),
        new("2x2 same stride 1 relu", new PoolRecipe { Operator = "MAX_POOL_2D", Input = (5, 5, 6), Filter = (2, 2), Padding = Padding.Same, Activation = Activation.Relu, Quantization = new(0.1f, 60) }),
    ];

    public static readonly IReadOnlyList<OperatorCase> Add =
    [
        new("x + x", new ElementwiseRecipe { Operator = "ADD", Shape = (4, 4, 3), Operand = Operand.Itself }),
        new("x + constant", new ElementwiseRecipe { Operator = "ADD", Shape = (3, 5, 4), Operand = Operand.Constant }),
        new("x + per-channel constant, broadcast", new ElementwiseRecipe { Operator = "ADD", Shape = (4, 3, 5), Operand = Operand.ChannelConstant, In = new(0.04f, 7), Second = new(0.06f, -30) }),
        new("x + constant relu, output scale below the inputs'", new ElementwiseRecipe { Operator = "ADD", Shape = (4, 4, 2), Operand = Operand.Constant, In = new(0.2f, 50), Second = new(0.03f, -128), Out = new(0.01f, -128), Activation = Activation.Relu }),
        new("x + constant relu6, negative zero points", new ElementwiseRecipe { Operator = "ADD", Shape = (6, 2, 3), Operand = Operand.Constant, In = new(0.02f, -100), Second = new(0.04f, -20), Out = new(0.025f, -128), Activation = Activation.Relu6 }),
        new("x + constant relu_n1_to_1", new ElementwiseRecipe { Operator = "ADD", Shape = (2, 3, 8), Operand = Operand.Constant, In = new(0.01f, 0), Second = new(0.005f, 3), Out = new(0.008f, 1), Activation = Activation.ReluN1To1 }),
        new("x + conv(x)", new ElementwiseRecipe { Operator = "ADD", Shape = (5, 5, 4), Operand = Operand.Convolution, In = new(0.05f, -3), Second = new(0.3f, 12), Out = new(0.35f, -6) }, AllowedDiffering: 9),
    ];

    public static readonly IReadOnlyList<OperatorCase> Softmax =
    [
        new("10 classes", new SoftmaxRecipe { Shape = [1, 10] }),
        new("rows of 12", new SoftmaxRecipe { Shape = [1, 3, 4, 12], In = new(0.05f, -10) }),
        new("100 classes, wide input range", new SoftmaxRecipe { Shape = [1, 100], In = new(0.25f, 20) }),
        new("batch 2, beta 0.5", new SoftmaxRecipe { Shape = [2, 16], In = new(1f / 16, -128), Beta = 0.5f }),
        new("8 classes, narrow input range", new SoftmaxRecipe { Shape = [1, 8], In = new(0.01f, 0) }),
    ];

    public static readonly IReadOnlyList<OperatorCase> Reshape =
    [
        new("alone", new ReshapeRecipe { Input = (4, 6, 2) }),
        new("between CONV_2D and FULLY_CONNECTED", new ReshapeRecipe { Input = (6, 5, 2), HeadOutputs = 10 }, AllowedDiffering: 3),
    ];

    public static readonly IReadOnlyList<OperatorCase> Mul =
    [
        new("x * x", new ElementwiseRecipe { Operator = "MUL", Shape = (4, 4, 3), Operand = Operand.Itself, Out = new(0.2f, -100) }),
        new("x * constant", new ElementwiseRecipe { Operator = "MUL", Shape = (3, 5, 4), Operand = Operand.Constant }),
        new("x * per-channel constant, broadcast", new ElementwiseRecipe { Operator = "MUL", Shape = (3, 5, 6), Operand = Operand.ChannelConstant, Out = new(0.3f, 4) }),
        new("x * constant relu, multiplier above 1", new ElementwiseRecipe { Operator = "MUL", Shape = (4, 4, 2), Operand = Operand.Constant, In = new(0.5f, 10), Second = new(0.4f, -20), Out = new(0.1f, -128), Activation = Activation.Relu }),
        new("x * constant relu6, negative zero points", new ElementwiseRecipe { Operator = "MUL", Shape = (6, 2, 3), Operand = Operand.Constant, In = new(0.02f, -100), Second = new(0.04f, -20), Out = new(0.025f, -128), Activation = Activation.Relu6 }),
        new("x * x relu, multiplier above 1", new ElementwiseRecipe { Operator = "MUL", Shape = (2, 3, 8), Operand = Operand.Itself, In = new(0.1f, 0), Out = new(0.005f, -128), Activation = Activation.Relu }),
        new("x * requantized x", new ElementwiseRecipe { Operator = "MUL", Shape = (5, 5, 4), Operand = Operand.Requantized, In = new(0.05f, -3), Second = new(0.03f, 12), Out = new(0.3f, -6) }),
    ];

    public static readonly IReadOnlyList<OperatorCase> Logistic =
    [
        new("in 0.1/0", new UnaryRecipe { Operator = "LOGISTIC", Shape = [1, 256], In = new(0.1f, 0) }),
        new("in 1/16, zero point -128", new UnaryRecipe { Operator = "LOGISTIC", Shape = [1, 16, 16], In = new(1f / 16, -128) }),
        new("in 0.5/20, wide range", new UnaryRecipe { Operator = "LOGISTIC", Shape = [2, 128], In = new(0.5f, 20) }),
        new("in 0.01/-30, small scale", new UnaryRecipe { Operator = "LOGISTIC", Shape = [1, 4, 4, 16], In = new(0.01f, -30) }),
        new("in 0.0007/100, tiny scale", new UnaryRecipe { Operator = "LOGISTIC", Shape = [1, 256], In = new(0.0007f, 100) }),
        new("in 0.0471/7", new UnaryRecipe { Operator = "LOGISTIC", Shape = [1, 300], In = new(0.0471f, 7) }),
    ];

    public static readonly IReadOnlyList<OperatorCase> Tanh =
    [
        new("in 0.05/0", new UnaryRecipe { Operator = "TANH", Shape = [1, 256], In = new(0.05f, 0) }),
        new("in 1/32, zero point 127", new UnaryRecipe { Operator = "TANH", Shape = [1, 16, 16], In = new(1f / 32, 127) }),
        new("in 0.25/-10, wide range", new UnaryRecipe { Operator = "TANH", Shape = [2, 128], In = new(0.25f, -10) }),
        new("in 0.005/40, small scale", new UnaryRecipe { Operator = "TANH", Shape = [1, 4, 4, 16], In = new(0.005f, 40) }),
        new("in 0.0003/-90, tiny scale", new UnaryRecipe { Operator = "TANH", Shape = [1, 256], In = new(0.0003f, -90) }),
        new("in 0.0213/-3", new UnaryRecipe { Operator = "TANH", Shape = [1, 300], In = new(0.0213f, -3) }),
    ];

    public static readonly IReadOnlyList<OperatorCase> Relu =
    [
        new("RELU, same quantization", new UnaryRecipe { Operator = "RELU", Shape = [1, 300], In = new(0.1f, -20), Out = new(0.1f, -20) }),
        new("RELU, requantized", new UnaryRecipe { Operator = "RELU", Shape = [2, 8, 8], In = new(0.05f, 10), Out = new(0.03f, -128) }),
        new("RELU6, same quantization", new UnaryRecipe { Operator = "RELU6", Shape = [1, 4, 4, 16], In = new(0.05f, -100), Out = new(0.05f, -100) }),
        new("RELU6, requantized to 6/255", new UnaryRecipe { Operator = "RELU6", Shape = [1, 257], In = new(0.08f, 3), Out = new(6f / 255, -128) }),
        new("RELU_N1_TO_1, requantized", new UnaryRecipe { Operator = "RELU_N1_TO_1", Shape = [1, 200], In = new(0.02f, 7), Out = new(2f / 255, 0) }),
    ];

    public static readonly IReadOnlyList<OperatorCase> Pad =
    [
        new("PAD 4-D spatial", new PadRecipe { Shape = [1, 5, 4, 3], Paddings = [0, 0, 1, 2, 2, 1, 0, 0] }),
        new("PAD 4-D channels and batch", new PadRecipe { Shape = [1, 3, 3, 4], Paddings = [1, 0, 0, 0, 0, 0, 2, 3], Quantization = new(0.2f, 100) }),
        new("PAD 2-D", new PadRecipe { Shape = [3, 7], Paddings = [1, 1, 0, 5], Quantization = new(0.05f, -128) }),
        new("PADV2 with a fill", new PadRecipe { Shape = [1, 4, 4, 2], Paddings = [0, 0, 1, 1, 1, 1, 0, 0], Fill = -77 }),
    ];

    public static readonly IReadOnlyList<OperatorCase> Mean =
    [
        new("5x5x8, equal quantization", new MeanRecipe { Input = (5, 5, 8) }),
        new("4x6x16, equal quantization, zero point -128", new MeanRecipe { Input = (4, 6, 16), In = new(0.05f, -128), Out = new(0.05f, -128) }),
        new("7x7x20, output scale below the input's", new MeanRecipe { Input = (7, 7, 20), In = new(0.05f, -3), Out = new(0.02f, 10) }),
        new("3x3x4, output scale above the input's", new MeanRecipe { Input = (3, 3, 4), In = new(0.1f, 20), Out = new(0.3f, -7) }),
        new("batch 2, 6x5x18, zero points apart", new MeanRecipe { Batch = 2, Input = (6, 5, 18), In = new(0.08f, 60), Out = new(0.08f, -40) }),
        new("1x10x3, one row", new MeanRecipe { Input = (1, 10, 3), In = new(0.2f, 5), Out = new(0.15f, 0) }),
    ];

    public static readonly IReadOnlyList<OperatorCase> Concatenation =
    [
        new("x, constant on channels", new ConcatenationRecipe { Shape = [1, 4, 4, 3], Axis = 3, Inputs = [0, 5] }),
        new("constant, x on height", new ConcatenationRecipe { Shape = [1, 3, 5, 2], Axis = 1, Inputs = [2, 0], Quantization = new(0.02f, 100) }),
        new("x, x, constant on width", new ConcatenationRecipe { Shape = [1, 4, 3, 4], Axis = 2, Inputs = [0, 0, 3], Quantization = new(0.5f, -128) }),
        new("x, constant on batch", new ConcatenationRecipe { Shape = [1, 2, 2, 6], Axis = 0, Inputs = [0, 2] }),
        new("x, constant, x on axis -1 of rank 2", new ConcatenationRecipe { Shape = [3, 10], Axis = -1, Inputs = [0, 4, 0], Quantization = new(0.03f, 0) }),
    ];

    public static readonly IReadOnlyList<OperatorCase> Quantize =
    [
        new("float to 0.1/-5", new QuantizationRecipe { Shape = [4, 50], In = null, Out = new(0.1f, -5) }, AllowedDiffering: 76),
        new("float to 0.25/0 (exact ties)", new QuantizationRecipe { Shape = [1, 8, 8, 4], In = null, Out = new(0.25f, 0) }),
        new("float to 0.0123/100", new QuantizationRecipe { Shape = [1, 333], In = null, Out = new(0.0123f, 100) }, AllowedDiffering: 95),
        new("float to 1/255/-128", new QuantizationRecipe { Shape = [2, 96], In = null, Out = new(1f / 255, -128) }, AllowedDiffering: 63),
        new("int8 0.1/-5 to 0.05/20 (multiplier 2)", new QuantizationRecipe { Shape = [1, 6, 6, 5], In = new(0.1f, -5), Out = new(0.05f, 20) }),
        new("int8 0.05/3 to 0.2/-100 (multiplier 1/4)", new QuantizationRecipe { Shape = [1, 200], In = new(0.05f, 3), Out = new(0.2f, -100) }),
        new("int8 0.1/0 to 0.1/10 (zero point only)", new QuantizationRecipe { Shape = [3, 40], In = new(0.1f, 0), Out = new(0.1f, 10) }),
        new("int8 0.037/-60 to 0.0291/45", new QuantizationRecipe { Shape = [1, 257], In = new(0.037f, -60), Out = new(0.0291f, 45) }),
    ];

    public static readonly IReadOnlyList<OperatorCase> Dequantize =
    [
        new("0.1/-5 to float", new QuantizationRecipe { Shape = [4, 50], In = new(0.1f, -5), Out = null }),
        new("0.0037/77 to float", new QuantizationRecipe { Shape = [1, 8, 8, 4], In = new(0.0037f, 77), Out = null }),
        new("1/3/-128 to float", new QuantizationRecipe { Shape = [1, 333], In = new(1f / 3, -128), Out = null }),
    ];
}
