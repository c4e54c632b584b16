using System;
using System.Diagnostics;

namespace QuantizedModels;

/// <summary>
/// Computes one node of the model named by the class's <see cref="QuantizedModelAttribute"/> with another scheme
/// than the model's (mixed precision), for example keeping a sensitive layer of an int8 model in float32.
/// </summary>
/// <remarks>
/// Repeat the attribute for several nodes. The node is named as in the model file (its ONNX node name); the build
/// report (QM0011) and the generated documentation list each layer's quantization error, to find candidates.
/// </remarks>
/// <example><code>
/// [QuantizedModel("Models/cnn.onnx", Scheme = QuantizationScheme.Int8, CalibrationData = "Models/calibration.npy")]
/// [QuantizedLayer("/classifier/Gemm", QuantizationScheme.Float32)]
/// public partial class Classifier;
/// </code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
[Conditional("QUANTIZEDMODELS_KEEP_ATTRIBUTES")]
public sealed class QuantizedLayerAttribute : Attribute
{
    /// <param name="nodeName">The node's name in the model file.</param>
    /// <param name="scheme">How that node is computed.</param>
    public QuantizedLayerAttribute(string nodeName, QuantizationScheme scheme)
    {
        NodeName = nodeName;
        Scheme = scheme;
    }

    /// <summary>The node's name in the model file.</summary>
    public string NodeName { get; }

    /// <summary>How that node is computed.</summary>
    public QuantizationScheme Scheme { get; }
}
