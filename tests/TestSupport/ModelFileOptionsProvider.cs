using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace QuantizedModels.TestSupport;

/// <summary>
/// Analyzer-config options as the build task sets them: each model's additional file carries its
/// project-relative source path. Keyed by the additional file's path, so a replaced text keeps its options.
/// </summary>
public sealed class ModelFileOptionsProvider : AnalyzerConfigOptionsProvider
{
    private readonly Dictionary<string, AnalyzerConfigOptions> byPath = new();

    public override AnalyzerConfigOptions GlobalOptions => DictionaryOptions.Empty;

    public void SetSource(string additionalFilePath, string projectRelativeSource) =>
        byPath[additionalFilePath] = new DictionaryOptions(new Dictionary<string, string> { [Generator.QuantizedModelGenerator.SourceMetadata] = projectRelativeSource });

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => DictionaryOptions.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        byPath.TryGetValue(textFile.Path, out var options) ? options : DictionaryOptions.Empty;

    private sealed class DictionaryOptions : AnalyzerConfigOptions
    {
        public static readonly DictionaryOptions Empty = new(new Dictionary<string, string>());

        private readonly Dictionary<string, string> values;

        public DictionaryOptions(Dictionary<string, string> values) => this.values = values;

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
