using System.IO;
using QuantizedModels.Runtime;

namespace QuantizedModels.TestSupport;

/// <summary>Calibration data for tests, written by the runtime's <see cref="CalibrationFile"/> as users write it.</summary>
public static class NpyWriter
{
    public static byte[] Write(float[] data, int samples, params int[] sampleShape)
    {
        using var stream = new MemoryStream();
        CalibrationFile.Write(stream, data, samples, sampleShape);
        return stream.ToArray();
    }
}
