using System;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using QuantizedModels.Generator.Diagnostics;
using QuantizedModels.Generator.Emission;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Passes;
using QuantizedModels.Generator.Reading;
using QuantizedModels.Generator.Reading.Onnx;
using QuantizedModels.Generator.Reading.Tflite;

namespace QuantizedModels.Generator.Pipeline;

/// <summary>Runs one job through read → passes → plan → emit, turning every failure into a diagnostic.</summary>
internal static class ModelCompiler
{
    public static GenerationResult Compile(ModelJob job, CancellationToken cancellationToken)
    {
        var request = job.Request;
        var hint = request.FullName + ".g.cs";
        if (request.Error is not null) return Failure(hint, request.Error);
        if (job.Model is null)
        {
            var reason = request.ModelPath.Trim().Length == 0
                ? "the attribute names no file"
                : "check the path (relative to the project file) and that the file is included by the QuantizedModel item glob or an explicit <QuantizedModel Include=\"...\" />";
            return Failure(hint, DiagnosticInfo.Create(DiagnosticIds.ModelNotFound, null, request.ModelPath, reason));
        }

        if (request.Scheme != 0)
        {
            return Failure(hint, DiagnosticInfo.Create(DiagnosticIds.UnsupportedScheme, null, request.ModelPath, "only QuantizationScheme.Float32 is implemented in this version"));
        }

        try
        {
            var bytes = Decode(job.Model);
            var graph = Read(job, bytes);
            cancellationToken.ThrowIfCancellationRequested();
            var summary = new ModelSummary(
                job.Model.RelativePath,
                Sha256Hex(bytes),
                graph.Name,
                graph.Producer,
                graph.IrVersion,
                graph.Opset(),
                graph.Nodes.GroupBy(n => n.OpType).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())).ToList());
            PassPipeline.Run(graph);
            cancellationToken.ThrowIfCancellationRequested();
            var source = ModelEmitter.Emit(request, graph, summary);
            return new GenerationResult(hint, source, default);
        }
        catch (ModelException e)
        {
            return Failure(hint, DiagnosticInfo.Create(e.DiagnosticId, null, request.ModelPath, e.Message));
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            // The generator must never throw into the compiler: an escaped exception is only a location-less warning.
            return Failure(hint, DiagnosticInfo.Create(DiagnosticIds.InternalError, null, request.ModelPath, $"{e.GetType().Name}: {e.Message}"));
        }
    }

    private static ModelGraph Read(ModelJob job, byte[] bytes)
    {
        if (ModelFormats.Detect(job.Model!.RelativePath, bytes) == ModelFormat.Onnx)
        {
            return OnnxReader.Read(bytes, location => ResolveExternal(job, location));
        }

        // The file is read in full (so a damaged one is reported as such), but its int8 graph has no code generator yet.
        var graph = TfliteReader.Read(bytes);
        var operators = string.Join(", ", graph.Nodes.Select(n => n.OpType).Distinct());
        throw new ModelException($"TensorFlow Lite model read ({graph.Nodes.Count} operators: {operators}), but compiling TensorFlow Lite models is not implemented in this version; use an ONNX float model.", DiagnosticIds.UnsupportedModel);
    }

    private static byte[] Decode(ModelFile file)
    {
        try
        {
            return file.DecodeBytes();
        }
        catch (FormatException)
        {
            throw new ModelException("the build passed the file in a damaged form (not valid base64); rebuild, and check that only the QuantizedModels build task writes it.");
        }
    }

    private static byte[]? ResolveExternal(ModelJob job, string location)
    {
        var folder = ModelJob.FolderOf(job.Model!.RelativePath);
        var path = ModelFile.NormalizePath(folder.Length == 0 ? location : folder + "/" + location);
        var file = job.Neighbours.FirstOrDefault(f => f.RelativePath == path);
        return file is null ? null : Decode(file);
    }

    private static string Sha256Hex(byte[] bytes)
    {
        using var sha = SHA256.Create();
        return string.Concat(sha.ComputeHash(bytes).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static GenerationResult Failure(string hint, DiagnosticInfo diagnostic) =>
        new(hint, null, new EquatableArray<DiagnosticInfo>(new[] { diagnostic }));
}
