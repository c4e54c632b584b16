using System;

namespace QuantizedModels.Benchmarks;

/// <summary>Inputs and shapes shared by every benchmark, so the generated code and ORT see the same data.</summary>
public static class ModelData
{
    /// <summary>Fixed-seed values in [-1, 1): every process, and so every cold-start launch, gets the same input.</summary>
    public static float[] Input<TModel>()
        where TModel : IBenchmarkModel
    {
        var random = new Random(20261123);
        var input = new float[ElementCount(Dims(TModel.InputShape))];
        for (var i = 0; i < input.Length; i++) input[i] = random.NextSingle() * 2 - 1;
        return input;
    }

    public static float[] Output<TModel>()
        where TModel : IBenchmarkModel => new float[ElementCount(Dims(TModel.OutputShape))];

    public static long[] Dims(ReadOnlySpan<int> shape)
    {
        var dims = new long[shape.Length];
        for (var i = 0; i < dims.Length; i++) dims[i] = shape[i];
        return dims;
    }

    public static int ElementCount(long[] dims)
    {
        long count = 1;
        foreach (var d in dims) count *= d;
        return checked((int)count);
    }
}
