namespace QuantizedModels.Generator.Emission;

/// <summary>What the compiled model costs: constant bytes baked into the assembly, working memory of one instance, multiply-accumulates per inference.</summary>
internal sealed record ModelFootprint(long WeightBytes, long ArenaBytes, long MultiplyAccumulates);

/// <summary>The generated source of one model class and the footprint its constants state.</summary>
internal sealed record EmittedModel(string Source, ModelFootprint Footprint);
