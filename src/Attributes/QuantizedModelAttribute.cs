using System;
using System.Diagnostics;

namespace QuantizedModels;

/// <summary>
/// Compiles the model file at <see cref="ModelPath"/> into the annotated partial class at build time.
/// </summary>
/// <remarks>
/// The path is relative to the project file. The build passes the file's exact bytes to the generator,
/// which emits a <c>Predict</c> method, shape constants and the weights as constant data.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("QUANTIZEDMODELS_KEEP_ATTRIBUTES")]
public sealed class QuantizedModelAttribute : Attribute
{
    /// <summary>Names the model to compile.</summary>
    /// <param name="modelPath">Path of the model file, relative to the project file.</param>
    public QuantizedModelAttribute(string modelPath) => ModelPath = modelPath;

    /// <summary>Path of the model file, relative to the project file.</summary>
    public string ModelPath { get; }

    /// <summary>How weights are stored and layers computed. Defaults to <see cref="QuantizationScheme.Float32"/>.</summary>
    public QuantizationScheme Scheme { get; set; } = QuantizationScheme.Float32;
}
