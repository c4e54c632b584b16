using System;
using System.IO;
using Microsoft.ML.OnnxRuntime;

namespace QuantizedModels.Benchmarks;

/// <summary>
/// An ONNX Runtime session with its input and output bound once to pinned arrays, so a run costs only
/// the inference, not marshalling or tensor allocation: the fairest per-call cost ORT offers.
/// </summary>
public sealed class OrtRunner : IDisposable
{
    private readonly InferenceSession session;
    private readonly OrtValue inputValue;
    private readonly OrtValue outputValue;
    private readonly OrtIoBinding binding;
    private readonly RunOptions runOptions = new();

    /// <param name="intraOpThreads">1 for a batch-1 comparison with the single-threaded generated code; null for ORT's default.</param>
    public OrtRunner(string modelPath, float[] input, long[] inputShape, long[] outputShape, int? intraOpThreads)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (intraOpThreads is int threads)
        {
            options.IntraOpNumThreads = threads;
            options.InterOpNumThreads = 1;
        }

        session = new InferenceSession(modelPath, options);
        Output = new float[ModelData.ElementCount(outputShape)];
        inputValue = OrtValue.CreateTensorValueFromMemory(input, inputShape);
        outputValue = OrtValue.CreateTensorValueFromMemory(Output, outputShape);
        binding = session.CreateIoBinding();
        binding.BindInput(session.InputNames[0], inputValue);
        binding.BindOutput(session.OutputNames[0], outputValue);
    }

    /// <summary>Where each run writes its result.</summary>
    public float[] Output { get; }

    /// <summary>Creates a runner for <typeparamref name="TModel"/>'s ONNX file, reading <paramref name="input"/>.</summary>
    public static OrtRunner For<TModel>(float[] input, int? intraOpThreads)
        where TModel : IBenchmarkModel =>
        new(Path.Combine(AppContext.BaseDirectory, TModel.OnnxFile), input, ModelData.Dims(TModel.InputShape), ModelData.Dims(TModel.OutputShape), intraOpThreads);

    public void Run() => session.RunWithBinding(runOptions, binding);

    public void Dispose()
    {
        binding.Dispose();
        outputValue.Dispose();
        inputValue.Dispose();
        runOptions.Dispose();
        session.Dispose();
    }
}
