using System.Collections.Generic;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace QuantizedModels.Conformance;

/// <summary>A theory over test ids whose rows listed in skips.tsv are reported as skipped, each with its own reason.</summary>
[XunitTestCaseDiscoverer("QuantizedModels.Conformance.ConformanceTheoryDiscoverer", "QuantizedModels.Conformance")]
public sealed class ConformanceTheoryAttribute : TheoryAttribute;

/// <summary>xunit 2 can skip a data row only per data attribute; this gives each row its reason from skips.tsv.</summary>
public sealed class ConformanceTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow)
    {
        var reason = ConformanceManifest.SkipReason((string)dataRow[0]);
        return reason is null
            ? base.CreateTestCasesForDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow)
            : CreateTestCasesForSkippedDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow, reason);
    }
}
