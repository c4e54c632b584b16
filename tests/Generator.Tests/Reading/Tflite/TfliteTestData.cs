using System.IO;
using System.Runtime.CompilerServices;

namespace QuantizedModels.Generator.Tests.Reading.Tflite;

/// <summary>Files under Reading/Tflite/Data, found from this source file's location so no build step copies them.</summary>
internal static class TfliteTestData
{
    public const string MicroSpeech = "micro_speech_quantized.tflite";
    public const string MlperfKws = "kws_ref_model.tflite";

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Folder(), name));

    private static string Folder([CallerFilePath] string thisFile = "") => Path.Combine(Path.GetDirectoryName(thisFile)!, "Data");
}
