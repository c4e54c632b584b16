using System;
using System.Collections.Generic;

namespace QuantizedModels.Generator.Emission;

/// <summary>
/// The constant tensors a model bakes into the assembly, in the layout the kernels read them. Each is
/// emitted as a <c>ReadOnlySpan&lt;ulong&gt;</c> over RVA data (no copy, no allocation, no start-up work).
/// </summary>
internal sealed class WeightTable
{
    public const string ClassName = "__QuantizedModelWeights";

    private readonly List<float[]> _tensors = new();
    private readonly Dictionary<string, string> _byValue = new();

    public IReadOnlyList<float[]> Tensors => _tensors;

    public long TotalBytes { get; private set; }

    /// <summary>Registers data and returns the expression that reads it as <c>ReadOnlySpan&lt;float&gt;</c>.</summary>
    public string Add(float[] data)
    {
        _tensors.Add(data);
        TotalBytes += data.Length * 4L;
        return $"{ClassName}.W{_tensors.Count - 1}";
    }

    /// <summary>The graph constant named <paramref name="valueName"/>, registered once however often it is read.</summary>
    public string ForValue(string valueName, Func<float[]> data)
    {
        if (!_byValue.TryGetValue(valueName, out var expression))
        {
            expression = Add(data());
            _byValue[valueName] = expression;
        }

        return expression;
    }
}
