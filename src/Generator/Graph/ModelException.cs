using System;

namespace QuantizedModels.Generator.Graph;

/// <summary>
/// A problem with the model that the user must fix, raised anywhere in the pipeline and reported as a
/// diagnostic on the attribute. <see cref="DiagnosticId"/> picks the descriptor.
/// </summary>
internal sealed class ModelException : Exception
{
    public ModelException(string message, string diagnosticId = Diagnostics.DiagnosticIds.InvalidModel)
        : base(message)
    {
        DiagnosticId = diagnosticId;
    }

    public string DiagnosticId { get; }
}
