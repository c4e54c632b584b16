using System;

namespace QuantizedModels.Generator.Reading;

internal enum ModelFormat
{
    Onnx,
    Tflite,
}

/// <summary>Tells the model's format from its bytes (TFLite's "TFL3" identifier) or, failing that, its extension.</summary>
internal static class ModelFormats
{
    public static ModelFormat Detect(string path, byte[] bytes)
    {
        var hasTfliteIdentifier = bytes.Length >= 8 && bytes[4] == (byte)'T' && bytes[5] == (byte)'F' && bytes[6] == (byte)'L' && bytes[7] == (byte)'3';
        return hasTfliteIdentifier || path.EndsWith(".tflite", StringComparison.OrdinalIgnoreCase) ? ModelFormat.Tflite : ModelFormat.Onnx;
    }
}
