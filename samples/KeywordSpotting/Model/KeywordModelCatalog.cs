namespace KeywordSpotting.Model;

/// <summary>
/// Where the program gets its model. The generated model class is plugged in by KeywordModels.cs, which
/// implements <see cref="CreateGenerated"/>; builds without it (QuantizedModelsAvailable != true) have no model.
/// </summary>
public static partial class KeywordModelCatalog
{
    /// <summary>The model compiled into this build, or null when none is.</summary>
    public static IKeywordModel? CreateDefault()
    {
        IKeywordModel? model = null;
        CreateGenerated(ref model);
        return model;
    }

    static partial void CreateGenerated(ref IKeywordModel? model);
}
