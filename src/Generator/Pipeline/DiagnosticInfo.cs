using Microsoft.CodeAnalysis;
using QuantizedModels.Generator.Diagnostics;

namespace QuantizedModels.Generator.Pipeline;

/// <summary>An equatable diagnostic record: descriptor ID, where (null: on the attribute, attached at output), and its message arguments.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(string id, LocationInfo? location, params string[] arguments) =>
        new(id, location, new EquatableArray<string>(arguments));

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(DiagnosticDescriptors.Get(Id), Location?.ToLocation(), System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Cast<object>(Arguments)));
}
