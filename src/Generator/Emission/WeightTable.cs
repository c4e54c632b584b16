using System;
using System.Collections.Generic;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Emission;

/// <summary>One constant array of the weight table: its element type, count and little-endian bytes.</summary>
internal sealed record WeightTensor(ElementType Type, int Count, byte[] Bytes);

/// <summary>
/// The constant tensors a model bakes into the assembly, in the layout the kernels read them. Each is
/// emitted as a <c>ReadOnlySpan&lt;ulong&gt;</c> over RVA data (no copy, no allocation, no start-up work).
/// </summary>
internal sealed class WeightTable
{
    public const string ClassName = "__QuantizedModelWeights";

    private readonly List<WeightTensor> _tensors = new();
    private readonly Dictionary<string, string> _byValue = new();

    public IReadOnlyList<WeightTensor> Tensors => _tensors;

    public long TotalBytes { get; private set; }

    /// <summary>Registers data and returns the expression that reads it as <c>ReadOnlySpan&lt;float&gt;</c>.</summary>
    public string Add(float[] data) => Add(ElementType.Float, data.Length, ToBytes(data, 4));

    /// <summary>Registers data and returns the expression that reads it as <c>ReadOnlySpan&lt;int&gt;</c>.</summary>
    public string Add(int[] data) => Add(ElementType.Int32, data.Length, ToBytes(data, 4));

    /// <summary>Registers little-endian elements of <paramref name="type"/> and returns the expression that reads them as a span of that type.</summary>
    public string Add(ElementType type, int count, byte[] bytes)
    {
        _tensors.Add(new WeightTensor(type, count, bytes));
        TotalBytes += bytes.Length;
        return $"{ClassName}.W{_tensors.Count - 1}";
    }

    /// <summary>The graph constant named <paramref name="valueName"/>, registered once however often it is read.</summary>
    public string ForValue(string valueName, Func<string> register)
    {
        if (!_byValue.TryGetValue(valueName, out var expression))
        {
            expression = register();
            _byValue[valueName] = expression;
        }

        return expression;
    }

    private static byte[] ToBytes(Array data, int elementSize)
    {
        var bytes = new byte[data.Length * elementSize];
        Buffer.BlockCopy(data, 0, bytes, 0, bytes.Length);
        return bytes;
    }
}
