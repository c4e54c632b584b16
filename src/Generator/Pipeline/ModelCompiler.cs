using System.Collections.Generic;
using System;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using QuantizedModels.Generator.Diagnostics;
using QuantizedModels.Generator.Emission;
using QuantizedModels.Generator.Export;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Passes;
using QuantizedModels.Generator.Quantization;
using QuantizedModels.Generator.Quantization.LowBit;
using QuantizedModels.Generator.Reading;
using QuantizedModels.Generator.Reading.Npy;
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

        try
        {
            var bytes = Decode(job.Model);
            var format = ModelFormats.Detect(job.Model.RelativePath, bytes);
            if ((SchemeProblem(request.Scheme) ?? RoundingProblem(request.Quantization.Rounding, format) ?? PowerOfTwoProblem(request) ?? ExportQdqProblem(request)) is { } problem)
            {
                return Failure(hint, DiagnosticInfo.Create(DiagnosticIds.UnsupportedScheme, null, request.ModelPath, problem));
            }

            var warnings = new System.Collections.Generic.List<DiagnosticInfo>();
            var graph = format == ModelFormat.Onnx ? OnnxReader.Read(bytes, location => ResolveExternal(job, location)) : TfliteReader.Read(bytes);
            FreeDimensionOverrides.Apply(graph, request.FreeDimensions);
            var floatTflite = format == ModelFormat.Tflite && TfliteFloatTranslation.IsFloat(graph);
            if (floatTflite) graph = FloatTflite(graph, request.Scheme);
            else if (format == ModelFormat.Tflite && QuantizedTfliteSchemeProblem(request) is { } tfliteProblem) throw new ModelException(tfliteProblem, DiagnosticIds.UnsupportedScheme);
            cancellationToken.ThrowIfCancellationRequested();
            var isQdq = format == ModelFormat.Onnx && QdqExtraction.IsQdq(graph);
            var quantizedTflite = format == ModelFormat.Tflite && !floatTflite;
            if (request.Quantization.ExportQdq && (isQdq || quantizedTflite))
            {
                throw new ModelException("ExportQdq writes the quantization the build chooses for a float model; this model is quantized already, so open the file itself in Netron or ONNX Runtime.", DiagnosticIds.UnsupportedScheme);
            }

            var declaredNodes = new System.Collections.Generic.HashSet<string>(graph.Nodes.Select(n => n.Name));
            var summary = new ModelSummary(
                job.Model.RelativePath,
                Sha256Hex(bytes),
                graph.Name,
                graph.Producer,
                format == ModelFormat.Onnx ? $"ONNX IR {graph.IrVersion}, opset {graph.Opset()}" : $"TensorFlow Lite schema {graph.Opset(TfliteOperatorCodes.BuiltinDomain)}",
                Arithmetic(quantizedTflite, request, isQdq),
                graph.Nodes.GroupBy(n => n.OpType).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())).ToList());
            Quantization.Calibration.QuantizationReport? quantizationReport = null;
            long float32WeightBytes;
            byte[]? qdqOnnx = null;
            if (quantizedTflite)
            {
                TflitePassPipeline.Run(graph);
                LayerSchemes.Resolve(request.LayerSchemes, null, declaredNodes, graph);
                float32WeightBytes = BuildReport.Float32WeightBytes(graph);
            }
            else
            {
                PassPipeline.Run(graph);
                var overrides = LayerSchemes.Resolve(request.LayerSchemes, isQdq ? null : request.Scheme, declaredNodes, graph);
                float32WeightBytes = BuildReport.Float32WeightBytes(graph);
                if (isQdq && (request.Scheme is not (null or Int8) || request.Quantization.PowerOfTwoScales))
                {
                    throw new ModelException("a QDQ model is compiled with the int8 quantization its QuantizeLinear/DequantizeLinear pairs give; remove Scheme or set it to QuantizationScheme.Int8, and remove PowerOfTwoScales (the scales are the model's).", DiagnosticIds.UnsupportedScheme);
                }

                if (isQdq)
                {
                    var ranges = ExtractQdq(graph);
                    graph = Int8Lowering.Lower(graph, ranges, floatNodes: QdqExtraction.FloatNodes(graph, ranges), quantizesInputs: true);
                }
                else if (request.Scheme is Int8 or Int4)
                {
                    var options = request.Scheme == Int4 ? request.Quantization with { WeightMaxLevel = Int4MaxLevel } : request.Quantization;
                    var (quantized, report) = Int8Quantizer.Quantize(graph, ReadCalibration(job), options, overrides, cancellationToken);
                    if (options.ExportQdq) qdqOnnx = QdqExport.Write(graph, Int8Quantizer.Effective(graph, quantized), options.WeightGrid, overrides);
                    graph = quantized;
                    graph.StoresInt4Weights = request.Scheme == Int4;
                    graph.Int8WeightLayers.UnionWith(overrides.Int8Weights);
                    quantizationReport = report;
                    summary = summary with { Report = BuildReport.Describe(report) };
                    if (options.PowerOfTwoScales)
                    {
                        graph.RequantizesByShifts = options.Rounding != OnnxRuntimeRounding;
                        summary = summary with { Report = summary.Report.Append(PowerOfTwoScales.Verify(graph)).ToArray() };
                    }
                }
                else if (request.Scheme is Ternary or Binary)
                {
                    var (report, warning) = LowBitScheme(job, graph, overrides.Float);
                    summary = summary with { Report = report };
                    if (warning is not null) warnings.Add(warning);
                }
                else summary = summary with { Report = FilterPruning.Run(graph).Concat(StructuredPruning.Run(graph)).Concat(LowBitLowering.Sparse(graph)).ToArray() };
            }

            cancellationToken.ThrowIfCancellationRequested();
            graph.RoundsLikeOnnxRuntime = request.Quantization.Rounding == OnnxRuntimeRounding;
            var emitted = ModelEmitter.Emit(request, graph, summary, qdqOnnx);
            var buildReport = BuildReport.Diagnostic(request.ModelPath, summary.Arithmetic, emitted.Footprint, float32WeightBytes, quantizationReport);
            return new GenerationResult(hint, emitted.Source, new EquatableArray<DiagnosticInfo>(warnings.Prepend(buildReport).ToArray()));
        }
        catch (ModelException e)
        {
            return Failure(hint, DiagnosticInfo.Create(e.DiagnosticId, null, request.ModelPath, e.Message));
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (OverflowException)
        {
            // Sizes come from the file; arithmetic on them that overflows means the model declares absurd dimensions.
            return Failure(hint, DiagnosticInfo.Create(DiagnosticIds.InvalidModel, null, request.ModelPath, "the model declares tensor sizes whose element counts overflow 64-bit arithmetic"));
        }
        catch (Exception e)
        {
            // The generator must never throw into the compiler: an escaped exception is only a location-less warning.
            return Failure(hint, DiagnosticInfo.Create(DiagnosticIds.InternalError, null, request.ModelPath, $"{e.GetType().Name}: {e.Message}{Where(e)}"));
        }
    }

    private const int Float32 = 0, Int8 = 1, Int8WeightOnly = 2, Float16 = 3, Ternary = 4, Binary = 5, Int4 = 6;

    /// <summary>Int4 weights are symmetric in -7..7 (not -8..7), as int8's are in -127..127: negating a weight stays exact.</summary>
    private const int Int4MaxLevel = 7;
    private const int TfliteRounding = 0, OnnxRuntimeRounding = 1;

    private static readonly string[] CalibrationMethods = { "MinMax", "Percentile", "Entropy", "Mse" };

    /// <summary>A QDQ model's ranges, with the activations fused again now that the QDQ pairs between them are gone.</summary>
    private static System.Collections.Generic.Dictionary<string, QuantizationInfo> ExtractQdq(ModelGraph graph)
    {
        var activations = QdqExtraction.Run(graph);
        ActivationFusion.Run(graph);
        DeadNodeRemoval.Run(graph);
        return activations;
    }

    private static string Arithmetic(bool quantizedTflite, ModelRequest request, bool isQdq)
    {
        if (quantizedTflite) return "int8 as quantized by TensorFlow Lite";
        var rounding = request.Quantization.Rounding == OnnxRuntimeRounding ? ", rounded as ONNX Runtime rounds (float requantization, half to even)" : "";
        if (isQdq) return "int8 as quantized by the model's QuantizeLinear/DequantizeLinear pairs" + rounding;
        if (request.Scheme == Float16) return "float32 with float16 weights";
        if (request.Scheme == Int8WeightOnly) return $"float32 activations with int8 per-{(request.Quantization.PerTensorWeights ? "tensor" : "channel")} weights";
        var floatCount = request.LayerSchemes.Count(l => l.Scheme == Float32);
        var floatNodes = floatCount == 0 ? "" : $", {floatCount} of its nodes in float32";
        if (request.Scheme == Ternary) return "ternary weights {-a, 0, +a} per output channel in the dense layers, float32 activations" + floatNodes;
        if (request.Scheme == Binary) return "binary weights {-a, +a} per output channel in the dense layers, float32 activations" + floatNodes;
        if (request.Scheme is not (Int8 or Int4)) return "float32";
        var method = request.Quantization.Method is >= 0 and < 4 ? CalibrationMethods[request.Quantization.Method] : "?";
        var int8Count = request.LayerSchemes.Count(l => l.Scheme == Int8);
        floatNodes += int8Count == 0 ? "" : $", {int8Count} of its layers with int8 weights";
        var weights = request.Scheme == Int4 ? " with int4 per-channel weights stored two a byte" : "";
        weights += request.Quantization.PowerOfTwoScales ? ", power-of-two scales," : "";
        return $"int8{weights} quantized at build time ({method} calibration on '{request.Quantization.DataPath}'){floatNodes}" + rounding;
    }

    /// <summary>
    /// Ternary or Binary: lowers the dense layers; with calibration data, first measures top-1 agreement with the float
    /// model and warns (QM0012) below the attribute's MinimumAgreement. Layers in <paramref name="floatNodes"/> keep
    /// their float weights.
    /// </summary>
    private static (string[] Report, DiagnosticInfo? Warning) LowBitScheme(ModelJob job, ModelGraph graph, ISet<string> floatNodes)
    {
        var binary = job.Request.Scheme == Binary;
        var options = job.Request.Quantization;
        string[] agreement = new string[0];
        DiagnosticInfo? warning = null;
        if (options.DataPath.Trim().Length > 0)
        {
            var samples = Int8Quantizer.Samples(graph, ReadCalibration(job));
            var agreeing = LowBitAgreement.Agreeing(graph, floatNodes, samples, layer => binary
                ? BinaryWeights.From(layer.Weights, layer.Out, layer.In).Values
                : TernaryWeights.From(layer.Weights, layer.Out, layer.In).Values());
            var sentence = $"top-1 agreement with the float model on the {samples.Length} calibration samples {agreeing}/{samples.Length} ({(100.0 * agreeing / samples.Length).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} %)";
            agreement = new[] { $"Accuracy cost of {(binary ? "binary" : "ternary")} weights: {sentence}." };
            if (agreeing < options.MinimumAgreement / 100 * samples.Length)
            {
                warning = DiagnosticInfo.Create(DiagnosticIds.LowAgreement, null, job.Request.ModelPath, $"{(binary ? "binary" : "ternary")} weights give {sentence}, under MinimumAgreement = {options.MinimumAgreement.ToString(System.Globalization.CultureInfo.InvariantCulture)} %; consider a model trained for them (quantization-aware training) or QuantizationScheme.Int8.");
            }
        }

        return ((binary ? LowBitLowering.Binary(graph, floatNodes) : LowBitLowering.Ternary(graph, floatNodes)).Concat(agreement).ToArray(), warning);
    }

    /// <summary>The calibration samples a static int8 build needs; their absence is QM0010, never a guess.</summary>
    private static NpyArray ReadCalibration(ModelJob job)
    {
        var options = job.Request.Quantization;
        if (options.DataPath.Trim().Length == 0)
        {
            throw new ModelException("QuantizationScheme.Int8 on a float model needs calibration data: set CalibrationData to a .npy file of representative inputs ([samples, ...input shape], float32).", DiagnosticIds.CalibrationData);
        }

        if (job.CalibrationData is null)
        {
            throw new ModelException($"the calibration file '{options.DataPath}' was not given to the build; check the path (relative to the project file) and that it is a QuantizedModel item (every *.npy is by default).", DiagnosticIds.CalibrationData);
        }

        if (options.Method is < 0 or > 3 || !(options.Percentile > 50 && options.Percentile <= 100))
        {
            throw new ModelException($"calibration method {options.Method} with percentile {options.Percentile} is not valid; the percentile must be above 50 and at most 100.", DiagnosticIds.CalibrationData);
        }

        try
        {
            return NpyReader.Read(job.CalibrationData.DecodeBytes(), $"The calibration file '{options.DataPath}'");
        }
        catch (ModelException e)
        {
            throw new ModelException(e.Message, DiagnosticIds.CalibrationData);
        }
        catch (FormatException)
        {
            throw new ModelException($"the build passed the calibration file '{options.DataPath}' in a damaged form (not valid base64); rebuild.", DiagnosticIds.CalibrationData);
        }
    }

    /// <summary>The generator method an unexpected exception came from, so a bug report names it.</summary>
    private static string Where(Exception e)
    {
        var frame = new System.Diagnostics.StackTrace(e).GetFrames()?.FirstOrDefault(f => f.GetMethod()?.DeclaringType?.Assembly == typeof(ModelCompiler).Assembly);
        var method = frame?.GetMethod();
        return method is null ? "" : $" (in {method.DeclaringType?.Name}.{method.Name})";
    }

    /// <summary>A quantized TensorFlow Lite model brings its own int8 quantization, so only Int8 (or no scheme) agrees with it.</summary>
    private static string? QuantizedTfliteSchemeProblem(ModelRequest request) =>
        request.Scheme is null or Int8 && !request.Quantization.PowerOfTwoScales
            ? null
            : "a quantized TensorFlow Lite model is compiled with the quantization stored in the file (int8); remove Scheme or set it to QuantizationScheme.Int8, and remove PowerOfTwoScales (the scales are the model's)";

    /// <summary>A float TensorFlow Lite model becomes the ONNX-style float graph, compiled in float32 or quantized at build time to int8.</summary>
    private static ModelGraph FloatTflite(ModelGraph graph, int? scheme) => scheme is null or Float32 or Int8
        ? TfliteFloatTranslation.Translate(graph)
        : throw new ModelException($"a float TensorFlow Lite model compiles in QuantizationScheme.Float32 or Int8 only so far, not scheme {scheme}.", DiagnosticIds.UnsupportedScheme);

    
    /// <summary>Any known scheme; a TensorFlow Lite model's scheme is checked once the file says whether it is quantized.</summary>
    private static string? SchemeProblem(int? scheme) =>
        scheme is null or Float32 or Int8 or Int8WeightOnly or Float16 or Ternary or Binary or Int4 ? null : $"scheme {scheme} is not a QuantizationScheme this version knows";

    /// <summary>Power-of-two scales are chosen at build time, so only the build-time integer schemes take them.</summary>
    private static string? PowerOfTwoProblem(ModelRequest request) =>
        request.Quantization.PowerOfTwoScales && request.Scheme is not (Int8 or Int4)
            ? "PowerOfTwoScales applies to float ONNX models quantized at build time (Scheme = QuantizationScheme.Int8 or Int4)"
            : null;

    /// <summary>The QDQ export writes a quantization the build chose, so only the build-time integer schemes take it.</summary>
    private static string? ExportQdqProblem(ModelRequest request) =>
        request.Quantization.ExportQdq && request.Scheme is not (Int8 or Int4)
            ? "ExportQdq applies to float models quantized at build time (Scheme = QuantizationScheme.Int8 or Int4)"
            : null;

    /// <summary>A TensorFlow Lite model computes as TensorFlow Lite does; ONNX models take either rounding.</summary>
    private static string? RoundingProblem(int rounding, ModelFormat format)
    {
        if (rounding is not (TfliteRounding or OnnxRuntimeRounding)) return $"Rounding = {rounding} is not a QuantizedRounding value";
        return format == ModelFormat.Tflite && rounding != TfliteRounding
            ? "a TensorFlow Lite model is compiled with TensorFlow Lite's own arithmetic; QuantizedRounding.OnnxRuntime applies to ONNX models only"
            : null;
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
