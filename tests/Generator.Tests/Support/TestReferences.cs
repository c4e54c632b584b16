using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace QuantizedModels.Generator.Tests.Support;

/// <summary>What a generated model class compiles against: the running runtime plus the attributes and kernels.</summary>
internal static class TestReferences
{
    public static IReadOnlyList<MetadataReference> All { get; } = Load();

    private static IReadOnlyList<MetadataReference> Load()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var project = new[] { typeof(QuantizedModelAttribute).Assembly.Location, typeof(Runtime.Conv2DShape).Assembly.Location };
        return platform.Concat(project).Distinct().Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToList();
    }
}
