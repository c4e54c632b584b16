using System.Linq;
using Microsoft.CodeAnalysis;
using QuantizedModels.Generator.Pipeline;

namespace QuantizedModels.Generator;

/// <summary>
/// Compiles each model named by a <c>[QuantizedModel]</c> attribute into its partial class.
/// Wires the incremental pipeline and nothing else: requests and model bytes are equatable records,
/// so an edit elsewhere in the project re-runs no model work.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class QuantizedModelGenerator : IIncrementalGenerator
{
    public const string AttributeName = "QuantizedModels.QuantizedModelAttribute";

    /// <summary>The per-node scheme override read next to <see cref="AttributeName"/>.</summary>
    public const string LayerAttributeName = "QuantizedModels.QuantizedLayerAttribute";

    /// <summary>Item metadata the build task attaches to each model's base64 text file.</summary>
    public const string SourceMetadata = "build_metadata.AdditionalFiles.QuantizedModelSource";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var requests = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeName, static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax, RequestParser.Parse)
            .WithTrackingName(TrackingNames.Requests);

        var files = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, cancellationToken) =>
            {
                var options = pair.Right.GetOptions(pair.Left);
                if (!options.TryGetValue(SourceMetadata, out var source) || string.IsNullOrWhiteSpace(source))
                {
                    return null;
                }

                var text = pair.Left.GetText(cancellationToken)?.ToString() ?? "";
                return new ModelFile(ModelFile.NormalizePath(source), text.Trim());
            })
            .Where(static file => file is not null)
            .WithTrackingName(TrackingNames.ModelFiles);

        // Model work must not depend on where the attribute sits in its file, or any edit above it would
        // recompile the model: the location is dropped here and re-attached when diagnostics are reported.
        var jobs = requests
            .Select(static (request, _) => request with { AttributeLocation = null })
            .Combine(files.Collect())
            .Select(static (pair, _) => ModelJob.Create(pair.Left, pair.Right!))
            .WithTrackingName(TrackingNames.Jobs);

        var results = jobs
            .Select(static (job, cancellationToken) => ModelCompiler.Compile(job, cancellationToken))
            .WithTrackingName(TrackingNames.Results);

        var locations = requests
            .Select(static (request, _) => (request.FullName, request.AttributeLocation))
            .Collect();

        context.RegisterSourceOutput(results.Combine(locations), static (spc, pair) =>
        {
            var result = pair.Left;
            var location = pair.Right.FirstOrDefault(l => l.FullName + ".g.cs" == result.HintName).AttributeLocation;
            foreach (var diagnostic in result.Diagnostics)
            {
                spc.ReportDiagnostic((diagnostic.Location is null ? diagnostic with { Location = location } : diagnostic).ToDiagnostic());
            }

            if (result.Source is not null)
            {
                spc.AddSource(result.HintName, result.Source);
            }
        });
    }
}
