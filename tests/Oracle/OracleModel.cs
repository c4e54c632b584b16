using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using QuantizedModels.TestSupport;

namespace QuantizedModels.Oracle;

/// <summary>A committed model under Models/, compiled through the real generator.</summary>
public static class OracleModel
{
    public const string ClassName = "OracleNet";

    public static string Directory { get; } = typeof(OracleModel).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "OracleModels").Value!;

    public static string PathOf(string fileName) => Path.Combine(Directory, fileName);

    public static CompiledModel Compile(string fileName)
    {
        var modelPath = "Models/" + fileName;
        var run = GeneratorHarness.Run(
            new Dictionary<string, byte[]> { [modelPath] = File.ReadAllBytes(PathOf(fileName)) },
            $"[QuantizedModels.QuantizedModel(\"{modelPath}\")] public partial class {ClassName};");
        return run.Load(ClassName);
    }
}
