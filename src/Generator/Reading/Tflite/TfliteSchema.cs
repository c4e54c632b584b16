namespace QuantizedModels.Generator.Reading.Tflite;

/// <summary>
/// Field slots of the TFLite schema (tensorflow/compiler/mlir/lite/schema/schema.fbs, version 3) that this
/// reader uses. A slot is the field's position in its table declaration; a union field takes two slots.
/// </summary>
internal static class TfliteSchema
{
    public const string FileIdentifier = "TFL3";
    public const uint Version = 3;

    /// <summary>Buffer offsets/sizes are only meaningful above 1 (the converter writes 1 as a placeholder).</summary>
    public const ulong FirstValidExternalOffset = 2;

    public static class Model
    {
        public const int Version = 0;
        public const int OperatorCodes = 1;
        public const int Subgraphs = 2;
        public const int Description = 3;
        public const int Buffers = 4;
    }

    public static class OperatorCode
    {
        public const int DeprecatedBuiltinCode = 0;
        public const int CustomCode = 1;
        public const int BuiltinCode = 3;
    }

    public static class SubGraph
    {
        public const int Tensors = 0;
        public const int Inputs = 1;
        public const int Outputs = 2;
        public const int Operators = 3;
        public const int Name = 4;
    }

    public static class Tensor
    {
        public const int Shape = 0;
        public const int Type = 1;
        public const int Buffer = 2;
        public const int Name = 3;
        public const int Quantization = 4;
        public const int IsVariable = 5;
        public const int Sparsity = 6;
        public const int ShapeSignature = 7;
        public const int ExternalBuffer = 10;
    }

    public static class QuantizationParameters
    {
        public const int Scale = 2;
        public const int ZeroPoint = 3;
        public const int DetailsType = 4;
        public const int QuantizedDimension = 6;
    }

    public static class Buffer
    {
        public const int Data = 0;
        public const int Offset = 1;
    }

    public static class Operator
    {
        public const int OpcodeIndex = 0;
        public const int Inputs = 1;
        public const int Outputs = 2;
        public const int BuiltinOptionsType = 3;
        public const int BuiltinOptions = 4;
        public const int CustomOptions = 5;
        public const int LargeCustomOptionsOffset = 9;
    }

    /// <summary>Members of the BuiltinOptions union this reader decodes (0 is NONE).</summary>
    public static class BuiltinOptions
    {
        public const byte None = 0;
        public const byte Conv2D = 1;
        public const byte DepthwiseConv2D = 2;
        public const byte Pool2D = 5;
        public const byte FullyConnected = 8;
        public const byte Softmax = 9;
        public const byte Concatenation = 10;
        public const byte Add = 11;
        public const byte Reshape = 17;
        public const byte Mul = 21;
        public const byte Pad = 22;
        public const byte Reducer = 27;
        public const byte Dequantize = 38;
        public const byte Quantize = 89;
    }

    public static class Conv2DOptions
    {
        public const int Padding = 0;
        public const int StrideW = 1;
        public const int StrideH = 2;
        public const int FusedActivation = 3;
        public const int DilationW = 4;
        public const int DilationH = 5;
    }

    public static class DepthwiseConv2DOptions
    {
        public const int Padding = 0;
        public const int StrideW = 1;
        public const int StrideH = 2;
        public const int DepthMultiplier = 3;
        public const int FusedActivation = 4;
        public const int DilationW = 5;
        public const int DilationH = 6;
    }

    public static class Pool2DOptions
    {
        public const int Padding = 0;
        public const int StrideW = 1;
        public const int StrideH = 2;
        public const int FilterWidth = 3;
        public const int FilterHeight = 4;
        public const int FusedActivation = 5;
    }

    public static class FullyConnectedOptions
    {
        public const int FusedActivation = 0;
        public const int WeightsFormat = 1;
        public const int KeepNumDims = 2;
        public const int AsymmetricQuantizeInputs = 3;
    }

    public static class SoftmaxOptions
    {
        public const int Beta = 0;
    }

    public static class ConcatenationOptions
    {
        public const int Axis = 0;
        public const int FusedActivation = 1;
    }

    public static class AddOptions
    {
        public const int FusedActivation = 0;
        public const int PotScaleInt16 = 1;
    }

    public static class MulOptions
    {
        public const int FusedActivation = 0;
    }

    public static class ReshapeOptions
    {
        public const int NewShape = 0;
    }

    public static class ReducerOptions
    {
        public const int KeepDims = 0;
    }
}
