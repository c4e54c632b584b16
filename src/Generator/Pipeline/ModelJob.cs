using System.Collections.Immutable;
using System.Linq;

namespace QuantizedModels.Generator.Pipeline;

/// <summary>
/// A request with just the model files it needs: the named model, the other files in its folder and below
/// (external data) and the calibration data it names. Selecting them here means a change to one model re-runs
/// only the classes that use its folder.
/// </summary>
internal sealed record ModelJob(ModelRequest Request, ModelFile? Model, EquatableArray<ModelFile> Neighbours, ModelFile? CalibrationData = null)
{
    public static ModelJob Create(ModelRequest request, ImmutableArray<ModelFile?> files)
    {
        var path = ModelFile.NormalizePath(request.ModelPath);
        var model = files.FirstOrDefault(f => f!.RelativePath == path);
        var folder = FolderOf(path);
        var neighbours = model is null
            ? new EquatableArray<ModelFile>()
            : new EquatableArray<ModelFile>(files.Where(f => f!.RelativePath != path && IsUnder(f.RelativePath, folder) && !IsModel(f.RelativePath)).Select(f => f!));
        var calibrationPath = ModelFile.NormalizePath(request.Quantization.DataPath);
        var calibration = calibrationPath.Length == 0 ? null : files.FirstOrDefault(f => f!.RelativePath == calibrationPath);
        return new ModelJob(request, model, neighbours, calibration);
    }

    public static string FolderOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path.Substring(0, slash);
    }

    private static bool IsUnder(string path, string folder) => folder.Length == 0 || path.StartsWith(folder + "/", System.StringComparison.Ordinal);

    private static bool IsModel(string path) => path.EndsWith(".onnx", System.StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tflite", System.StringComparison.OrdinalIgnoreCase);
}
