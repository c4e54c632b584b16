using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace QuantizedModels.Generator.Diagnostics;

/// <summary>Every diagnostic the generator reports. Each is reported on the <c>[QuantizedModel]</c> attribute.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "QuantizedModels";

    public static readonly DiagnosticDescriptor ModelNotFound = new(
        DiagnosticIds.ModelNotFound,
        "Model file not given to the build",
        "Model file '{0}' was not found among the build's QuantizedModel items: {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidModel = new(
        DiagnosticIds.InvalidModel,
        "Not a valid model file",
        "'{0}' is not a valid model: {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedOperator = new(
        DiagnosticIds.UnsupportedOperator,
        "Unsupported operator",
        "'{0}' uses operators the generator does not support: {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DynamicDimension = new(
        DiagnosticIds.DynamicDimension,
        "Dynamic dimension cannot be pinned",
        "'{0}': {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ClassNotPartial = new(
        DiagnosticIds.ClassNotPartial,
        "Class must be partial",
        "Class '{0}' must be declared partial for [QuantizedModel] to add its members",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor GenericClass = new(
        DiagnosticIds.GenericClass,
        "Class must not be generic",
        "Class '{0}' is generic or nested in a generic type; [QuantizedModel] needs a non-generic class",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InternalError = new(
        DiagnosticIds.InternalError,
        "Generator failure",
        "The QuantizedModels generator failed on '{0}': {1}. Please report this with the model file.",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedScheme = new(
        DiagnosticIds.UnsupportedScheme,
        "Quantization scheme not supported yet",
        "'{0}': {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedModel = new(
        DiagnosticIds.UnsupportedModel,
        "Model feature not supported",
        "'{0}': {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor CalibrationData = new(
        DiagnosticIds.CalibrationData,
        "Calibration data missing or unusable",
        "'{0}': {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>Not a problem: the build report of every compiled model, so a build log shows what quantization cost and kept.</summary>
    public static readonly DiagnosticDescriptor BuildReport = new(
        DiagnosticIds.BuildReport,
        "Model build report",
        "'{0}': {1}",
        Category,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor LowAgreement = new(
        DiagnosticIds.LowAgreement,
        "Low-bit model disagrees with the float model",
        "'{0}': {1}",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor LayerScheme = new(
        DiagnosticIds.LayerScheme,
        "Per-node scheme override not possible",
        "'{0}': {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    private static readonly Dictionary<string, DiagnosticDescriptor> ById = new()
    {
        [DiagnosticIds.ModelNotFound] = ModelNotFound,
        [DiagnosticIds.InvalidModel] = InvalidModel,
        [DiagnosticIds.UnsupportedOperator] = UnsupportedOperator,
        [DiagnosticIds.DynamicDimension] = DynamicDimension,
        [DiagnosticIds.ClassNotPartial] = ClassNotPartial,
        [DiagnosticIds.GenericClass] = GenericClass,
        [DiagnosticIds.InternalError] = InternalError,
        [DiagnosticIds.UnsupportedScheme] = UnsupportedScheme,
        [DiagnosticIds.UnsupportedModel] = UnsupportedModel,
        [DiagnosticIds.CalibrationData] = CalibrationData,
        [DiagnosticIds.BuildReport] = BuildReport,
        [DiagnosticIds.LowAgreement] = LowAgreement,
        [DiagnosticIds.LayerScheme] = LayerScheme,
    };

    public static DiagnosticDescriptor Get(string id) => ById[id];
}
