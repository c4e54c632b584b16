using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace QuantizedModels.Generator.Tests.Caching;

/// <summary>Reads the tracked steps of a generator run.</summary>
internal static class StepReasons
{
    public static IReadOnlyList<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorDriver driver, string stepName) =>
        driver.GetRunResult().Results.Single().TrackedSteps[stepName].SelectMany(step => step.Outputs).ToList();
}
