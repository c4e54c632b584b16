using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace QuantizedModels.TestSupport;

/// <summary>What a compilation of generated code references: the running framework plus the QuantizedModels assemblies.</summary>
public static class CompilationReferences
{
    public static IReadOnlyList<MetadataReference> All { get; } = Build();

    private static IReadOnlyList<MetadataReference> Build()
    {
        var ownAssemblies = new[]
        {
            typeof(QuantizedModelAttribute).Assembly.Location,
            typeof(Runtime.Gemm).Assembly.Location,
        };
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var ownNames = ownAssemblies.Select(Path.GetFileName).ToHashSet(StringComparer.OrdinalIgnoreCase);

        // The test host's list already holds our assemblies; take them once, from their build output.
        return trusted
            .Where(path => !ownNames.Contains(Path.GetFileName(path)))
            .Concat(ownAssemblies)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray();
    }
}
