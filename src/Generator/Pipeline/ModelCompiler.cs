using System.Threading;
using QuantizedModels.Generator.Diagnostics;

namespace QuantizedModels.Generator.Pipeline;

/// <summary>Runs one job through read → passes → plan → emit, turning every failure into a diagnostic.</summary>
internal static class ModelCompiler
{
    public static GenerationResult Compile(ModelJob job, CancellationToken cancellationToken)
    {
        var request = job.Request;
        var hint = request.FullName + ".g.cs";
        if (request.Error is not null)
        {
            return new GenerationResult(hint, null, new EquatableArray<DiagnosticInfo>(new[] { request.Error }));
        }

        return new GenerationResult(hint, null, new EquatableArray<DiagnosticInfo>(new[] { DiagnosticInfo.Create(DiagnosticIds.InternalError, request.AttributeLocation, request.ModelPath, "emission is being written") }));
    }
}
