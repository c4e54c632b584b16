using System;
using QuantizedModels;

namespace QuantizedModels.Benchmarks;

/// <summary>
/// What the generator emits on a single-input, single-output model class, plus the model's file, so one
/// generic benchmark class covers every model.
/// </summary>
public interface IBenchmarkModel : IFloatPredictor
{
    /// <summary>The ONNX file, relative to the project and to the output directory.</summary>
    static abstract string OnnxFile { get; }

    static abstract ReadOnlySpan<int> InputShape { get; }

    static abstract ReadOnlySpan<int> OutputShape { get; }
}

/// <summary>The float overload every generated class has, whatever its scheme.</summary>
public interface IFloatPredictor
{
    void Predict(ReadOnlySpan<float> input, Span<float> output);
}

/// <summary>MLPerf Tiny keyword spotting DS-CNN, float: input MFCC [1,1,49,10], output [1,12]; about 2.7 M MACs.</summary>
[QuantizedModel(Path)]
public partial class KwsDsCnn : IBenchmarkModel
{
    private const string Path = "Models/kws_ref_model_float.onnx";

    public static string OnnxFile => Path;
}

/// <summary>784-1024-256-10 ReLU MLP, about 1.07 M MACs (benchmarks/models/export_benchmark_models.py).</summary>
[QuantizedModel(Path)]
public partial class Mlp : IBenchmarkModel
{
    private const string Path = "Models/mlp.onnx";

    public static string OnnxFile => Path;
}

/// <summary>Three 3x3 conv layers on 28x28, about 0.96 M MACs (benchmarks/models/export_benchmark_models.py).</summary>
[QuantizedModel(Path)]
public partial class Cnn : IBenchmarkModel
{
    private const string Path = "Models/cnn.onnx";

    public static string OnnxFile => Path;
}

/// <summary>Four 3x3 conv layers on a 3x64x64 image, about 50.7 M MACs (benchmarks/models/export_benchmark_models.py).</summary>
[QuantizedModel(Path)]
public partial class BigCnn : IBenchmarkModel
{
    private const string Path = "Models/cnn50m.onnx";

    public static string OnnxFile => Path;
}
