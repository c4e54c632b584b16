namespace QuantizedModels.Generator.Diagnostics;

/// <summary>Stable diagnostic IDs. Never renumber or reuse one.</summary>
internal static class DiagnosticIds
{
    public const string ModelNotFound = "QM0001";
    public const string InvalidModel = "QM0002";
    public const string UnsupportedOperator = "QM0003";
    public const string DynamicDimension = "QM0004";
    public const string ClassNotPartial = "QM0005";
    public const string GenericClass = "QM0006";
    public const string InternalError = "QM0007";
    public const string UnsupportedScheme = "QM0008";
    public const string UnsupportedModel = "QM0009";
    public const string CalibrationData = "QM0010";
    public const string BuildReport = "QM0011";
    public const string LowAgreement = "QM0012";
    public const string LayerScheme = "QM0013";
}
