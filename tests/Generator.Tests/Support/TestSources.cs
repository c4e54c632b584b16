using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace QuantizedModels.Generator.Tests.Support;

/// <summary>C# declarations that ask for a model, and where their attribute sits.</summary>
internal static class TestSources
{
    public const string ModelPath = "Models/net.onnx";

    /// <summary>A documented public partial class in namespace Demo carrying the attribute with the given arguments (and <paramref name="otherAttributes"/> after it).</summary>
    public static string ModelClass(string attributeArguments = "\"" + ModelPath + "\"", string className = "Net", string otherAttributes = "") => $$"""
        using QuantizedModels;

        namespace Demo;

        /// <summary>A model under test.</summary>
        [QuantizedModel({{attributeArguments}})]{{otherAttributes}}
        public partial class {{className}}
        {
        }
        """;

    /// <summary>The single <c>[QuantizedModel]</c> attribute in the tree, whose span every diagnostic must point at.</summary>
    public static AttributeSyntax ModelAttribute(SyntaxTree tree) =>
        tree.GetRoot().DescendantNodes().OfType<AttributeSyntax>().Single(a => a.Name.ToString().Contains("QuantizedModel"));
}
