using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using QuantizedModels.Generator.Pipeline;
using QuantizedModels.Generator.Tests.Support;
using Xunit;

namespace QuantizedModels.Generator.Tests.Caching;

/// <summary>
/// Cached pipeline values must not root compiler objects: holding a symbol, syntax node or compilation keeps
/// old compilations alive and breaks equality-based caching. Walks every field of every tracked step output.
/// </summary>
public class PipelineModelPurityTests
{
    private static readonly Type[] Forbidden = { typeof(ISymbol), typeof(SyntaxNode), typeof(Compilation), typeof(Location), typeof(SemanticModel), typeof(SyntaxTree) };

    [Theory]
    [InlineData(TrackingNames.Requests)]
    [InlineData(TrackingNames.ModelFiles)]
    [InlineData(TrackingNames.Jobs)]
    [InlineData(TrackingNames.Results)]
    public void Step_outputs_hold_no_compiler_objects(string step)
    {
        // A failing model too, so diagnostics and their locations are part of the walk.
        var harness = new GeneratorHarness()
            .WithSource(TestSources.ModelClass("\"Models/first.onnx\"", "First"), "First.cs")
            .WithSource(TestSources.ModelClass("\"Models/broken.onnx\"", "Broken"), "Broken.cs")
            .WithModel(TestModels.Mlp(), "Models/first.onnx")
            .WithModel(new byte[] { 1, 2, 3 }, "Models/broken.onnx");
        var driver = harness.CreateDriver(trackSteps: true).RunGenerators(harness.Compilation());

        var outputs = StepReasons.Outputs(driver, step);

        Assert.NotEmpty(outputs);
        foreach (var output in outputs)
        {
            AssertPure(output.Value, new HashSet<object>(ReferenceEqualityComparer.Instance), step);
        }
    }

    private static void AssertPure(object? value, HashSet<object> visited, string path)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum) return;
        var type = value.GetType();
        Assert.False(Forbidden.Any(f => f.IsAssignableFrom(type)), $"{path} holds a {type.FullName}");
        if (!type.IsValueType && !visited.Add(value)) return;
        if (value is IEnumerable items)
        {
            var index = 0;
            foreach (var item in items) AssertPure(item, visited, $"{path}[{index++}]");
        }

        for (var t = type; t is not null; t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                AssertPure(field.GetValue(value), visited, $"{path}.{field.Name}");
            }
        }
    }
}
