namespace QuantizedModels.Conformance;

/// <summary>One backend test as listed in data/MANIFEST.tsv; <see cref="Id"/> is "suite/test".</summary>
public sealed record ConformanceCase(string Suite, string Test, string Operator, bool HasData)
{
    public string Id => Suite + "/" + Test;
}
