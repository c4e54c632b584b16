using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using QuantizedModels.Generator.Diagnostics;

namespace QuantizedModels.Generator.Pipeline;

/// <summary>Turns an attributed class symbol into an equatable <see cref="ModelRequest"/>.</summary>
internal static class RequestParser
{
    public static ModelRequest Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var attribute = context.Attributes[0];
        var location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? context.TargetNode.GetLocation());

        var modelPath = attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is string path ? path : "";
        int? scheme = null;
        var calibration = new QuantizationOptions("", 0, 99.99);
        foreach (var named in attribute.NamedArguments)
        {
            calibration = (named.Key, named.Value.Value) switch
            {
                ("CalibrationData", string dataPath) => calibration with { DataPath = dataPath },
                ("Calibration", int method) => calibration with { Method = method },
                ("CalibrationPercentile", double percentile) => calibration with { Percentile = percentile },
                ("PerTensorWeights", bool perTensor) => calibration with { PerTensorWeights = perTensor },
                ("PowerOfTwoScales", bool powerOfTwo) => calibration with { PowerOfTwoScales = powerOfTwo },
                ("ExportQdq", bool exportQdq) => calibration with { ExportQdq = exportQdq },
                ("Rounding", int rounding) => calibration with { Rounding = rounding },
                ("MinimumAgreement", double agreement) => calibration with { MinimumAgreement = agreement },
                _ => calibration,
            };
            if (named.Key == "Scheme" && named.Value.Value is int value)
            {
                scheme = value;
            }
        }

        var containing = new List<ContainingType>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            containing.Insert(0, new ContainingType(Keyword(outer), outer.Name));
        }

        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : null;
        var accessibility = type.DeclaredAccessibility == Accessibility.Public ? "public" : "internal";

        return new ModelRequest(ns, type.Name, accessibility, new EquatableArray<ContainingType>(containing), modelPath, scheme, calibration, location, Validate(type, context.TargetNode))
        {
            LayerSchemes = new EquatableArray<LayerScheme>(LayerSchemes(type)),
            FreeDimensions = attribute.NamedArguments.FirstOrDefault(a => a.Key == "FreeDimensions").Value.Value as string ?? "",
        };
    }

    /// <summary>The class's <c>[QuantizedLayer(node, scheme)]</c> attributes, in declaration order.</summary>
    private static IEnumerable<LayerScheme> LayerSchemes(INamedTypeSymbol type) =>
        type.GetAttributes()
            .Where(a => a.AttributeClass?.ToDisplayString() == QuantizedModelGenerator.LayerAttributeName && a.ConstructorArguments.Length == 2)
            .Select(a => new LayerScheme(a.ConstructorArguments[0].Value as string ?? "", a.ConstructorArguments[1].Value is int scheme ? scheme : -1));

    private static DiagnosticInfo? Validate(INamedTypeSymbol type, SyntaxNode node)
    {
        var display = type.ToDisplayString();
        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (t.IsGenericType)
            {
                return DiagnosticInfo.Create(DiagnosticIds.GenericClass, null, display);
            }
        }

        var isPartial = type.DeclaringSyntaxReferences
            .Select(r => r.GetSyntax())
            .OfType<TypeDeclarationSyntax>()
            .Any(d => d.Modifiers.Any(SyntaxKind.PartialKeyword));
        if (!isPartial || node is not ClassDeclarationSyntax)
        {
            return DiagnosticInfo.Create(DiagnosticIds.ClassNotPartial, null, display);
        }

        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            var outerPartial = outer.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<TypeDeclarationSyntax>().Any(d => d.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (!outerPartial)
            {
                return DiagnosticInfo.Create(DiagnosticIds.ClassNotPartial, null, outer.ToDisplayString());
            }
        }

        return null;
    }

    private static string Keyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };
}
