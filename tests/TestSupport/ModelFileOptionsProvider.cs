using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace QuantizedModels.TestSupport;

/// <summary>
/// Gives each additional file the item metadata the build attaches to model files: its project-relative path.
/// </summary>
internal sealed class ModelFileOptionsProvider(IReadOnlyDictionary<AdditionalText, string> sourcePaths) : AnalyzerConfigOptionsProvider
{
    public override AnalyzerConfigOptions GlobalOptions { get; } = new DictionaryOptions(new Dictionary<string, string>());

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => GlobalOptions;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        sourcePaths.TryGetValue(textFile, out var source)
            ? new DictionaryOptions(new Dictionary<string, string> { [Generator.QuantizedModelGenerator.SourceMetadata] = source })
            : GlobalOptions;

    private sealed class DictionaryOptions(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
