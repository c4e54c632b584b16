namespace KeywordSpotting.Model;

/// <summary>
/// Where the program gets its model. The generated model classes are plugged in by KeywordModels.cs, which
/// implements <see cref="CreateGenerated"/>; a build without it has no model.
/// </summary>
public static partial class KeywordModelCatalog
{
    /// <summary>The model named <paramref name="name"/> (<c>int8</c> or <c>float</c>) compiled into this build, or null when none is.</summary>
    public static IKeywordModel? Create(string name)
    {
        IKeywordModel? model = null;
        CreateGenerated(name, ref model);
        return model;
    }

    static partial void CreateGenerated(string name, ref IKeywordModel? model);
}
