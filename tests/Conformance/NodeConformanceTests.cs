using System.Linq;
using Xunit;

namespace QuantizedModels.Conformance;

/// <summary>Every copied ONNX backend test of a supported operator, one case each; see data/README.md.</summary>
public sealed class NodeConformanceTests
{
    public static TheoryData<string> TestIds => new(ConformanceManifest.Cases.Keys.Order());

    [ConformanceTheory]
    [MemberData(nameof(TestIds))]
    public void Generated_model_matches_reference_outputs(string test)
    {
        var outcome = ConformanceRunner.Run(ConformanceManifest.Cases[test]);
        Assert.True(outcome.Passed, outcome.Failure);
    }
}
