namespace QuantizedModels.Oracle.Crafting;

/// <summary>
/// A RESHAPE of a [1, H, W, C] tensor to [1, H x W x C] (shape as a constant input and in the options, as the
/// converter writes it): alone, or between a 3x3 CONV_2D and a FULLY_CONNECTED as in a classifier's head.
/// </summary>
public sealed record ReshapeRecipe : IModelRecipe
{
    public required (int H, int W, int C) Input { get; init; }

    /// <summary>The FULLY_CONNECTED's outputs when the reshape sits in a head; 0 for a lone RESHAPE.</summary>
    public int HeadOutputs { get; init; }

    public Int8Tensor In { get; init; } = new(0.05f, -3);

    public byte[] Build(System.Random random)
    {
        var model = new TfliteModelBuilder();
        var x = model.Activation([1, Input.H, Input.W, Input.C], In.Scale, In.ZeroPoint);
        if (HeadOutputs == 0) return model.Build(x, Reshape(model, x, Input.H * Input.W * Input.C, In));

        var conv = new ConvRecipe { Input = Input, OutChannels = 4, Padding = Padding.Valid, In = In };
        var (weights, bias) = conv.AddWeightsAndBias(model, random, [4, 3, 3, Input.C], 0);
        var features = (Input.H - 2) * (Input.W - 2) * 4;
        var c = model.Activation([1, Input.H - 2, Input.W - 2, 4], conv.Out.Scale, conv.Out.ZeroPoint);
        model.Operator("CONV_2D", TfliteOptions.Conv2D(Padding.Valid, (1, 1), (1, 1), Activation.Relu), [x, weights, bias], [c]);
        var flat = Reshape(model, c, features, conv.Out);
        var head = new FullyConnectedRecipe { InFeatures = features, OutFeatures = HeadOutputs, In = conv.Out, WeightScale = 0.005f, PerChannel = false };
        var (headWeights, headBias) = head.AddWeightsAndBias(model, random, [HeadOutputs, features], 0);
        var y = model.Activation([1, HeadOutputs], head.Out.Scale, head.Out.ZeroPoint);
        return model.Operator("FULLY_CONNECTED", TfliteOptions.FullyConnected(Activation.None), [flat, headWeights, headBias], [y]).Build(x, y);
    }

    public override string ToString() => $"{Input} -> [1, {Input.H * Input.W * Input.C}]{(HeadOutputs == 0 ? "" : $" between CONV_2D and FULLY_CONNECTED -> {HeadOutputs}")}, in {In}";

    private static int Reshape(TfliteModelBuilder model, int input, int length, Int8Tensor quantization)
    {
        var output = model.Activation([1, length], quantization.Scale, quantization.ZeroPoint);
        model.Operator("RESHAPE", TfliteOptions.Reshape([1, length]), [input, model.Int32Constant([1, length])], [output]);
        return output;
    }
}
