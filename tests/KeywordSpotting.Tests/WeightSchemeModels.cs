using KeywordSpotting.Model;
using QuantizedModels;

namespace KeywordSpotting.Tests;

/// <summary>The float DS-CNN with its weights stored as float16 (float32 arithmetic).</summary>
[QuantizedModel("Models/kws_ref_model_float.onnx", Scheme = QuantizationScheme.Float16)]
public partial class DsCnnFloat16Model : IKeywordModel
{
    int IKeywordModel.InputLength => InputLength;

    int IKeywordModel.OutputLength => OutputLength;
}

/// <summary>The float DS-CNN with per-channel int8 weights and float32 activations.</summary>
[QuantizedModel("Models/kws_ref_model_float.onnx", Scheme = QuantizationScheme.Int8WeightOnly)]
public partial class DsCnnInt8WeightOnlyModel : IKeywordModel
{
    int IKeywordModel.InputLength => InputLength;

    int IKeywordModel.OutputLength => OutputLength;
}
