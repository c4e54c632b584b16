namespace QuantizedModels.Generator.Pipeline;

/// <summary>Names of the incremental steps, for caching tests.</summary>
internal static class TrackingNames
{
    public const string Requests = nameof(Requests);
    public const string ModelFiles = nameof(ModelFiles);
    public const string Jobs = nameof(Jobs);
    public const string Results = nameof(Results);
}
