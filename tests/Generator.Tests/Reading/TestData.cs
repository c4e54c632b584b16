using System.IO;
using System.Runtime.CompilerServices;

namespace QuantizedModels.Generator.Tests.Reading;

/// <summary>Files under Reading/Data, found from this source file's location so no build step copies them.</summary>
internal static class TestData
{
    public static byte[] Read(string name) => File.ReadAllBytes(System.IO.Path.Combine(Folder(), name));

    private static string Folder([CallerFilePath] string thisFile = "") => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(thisFile)!, "Data");
}
