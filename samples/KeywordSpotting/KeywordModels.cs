using QuantizedModels;

namespace KeywordSpotting.Model;

/// <summary>
/// MLPerf Tiny's DS-CNN in float, compiled to C# by the QuantizedModels generator. Its generated
/// Predict, InputLength and OutputLength satisfy <see cref="IKeywordModel"/>.
/// </summary>
[QuantizedModel("Models/kws_ref_model_float.onnx")]
public partial class DsCnnFloatModel : IKeywordModel
{
    int IKeywordModel.InputLength => InputLength;

    int IKeywordModel.OutputLength => OutputLength;
}

/// <summary>Plugs the generated model into the program.</summary>
public static partial class KeywordModelCatalog
{
    static partial void CreateGenerated(ref IKeywordModel? model) => model = new DsCnnFloatModel();
}
