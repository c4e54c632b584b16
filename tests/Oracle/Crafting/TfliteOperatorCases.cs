using System.Collections.Generic;

namespace QuantizedModels.Oracle.Crafting;

/// <summary>
/// The crafted single-operator models, per operator: shapes, strides, paddings (SAME with odd and even
/// windows pads unevenly), dilations, depth multipliers, per-tensor and per-channel weights, zero points of
/// both signs, multipliers above and below 1, and each fused activation.
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
        new("x + x", new AddRecipe { Shape = (4, 4, 3), Operand = AddOperand.Itself }),
        new("x + constant", new AddRecipe { Shape = (3, 5, 4), Operand = AddOperand.Constant }),
        new("x + constant relu, output scale below the inputs'", new AddRecipe { Shape = (4, 4, 2), Operand = AddOperand.Constant, In = new(0.2f, 50), Second = new(0.03f, -128), Out = new(0.01f, -128), Activation = Activation.Relu }),
        new("x + constant relu6, negative zero points", new AddRecipe { Shape = (6, 2, 3), Operand = AddOperand.Constant, In = new(0.02f, -100), Second = new(0.04f, -20), Out = new(0.025f, -128), Activation = Activation.Relu6 }),
        new("x + constant relu_n1_to_1", new AddRecipe { Shape = (2, 3, 8), Operand = AddOperand.Constant, In = new(0.01f, 0), Second = new(0.005f, 3), Out = new(0.008f, 1), Activation = Activation.ReluN1To1 }),
        new("x + conv(x)", new AddRecipe { Shape = (5, 5, 4), Operand = AddOperand.Convolution, In = new(0.05f, -3), Second = new(0.3f, 12), Out = new(0.35f, -6) }, AllowedDiffering: 9),
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
}
