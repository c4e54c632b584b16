using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace QuantizedModels.Generator.Emission;

/// <summary>Turns tensor names into valid, unique C# identifiers.</summary>
internal static class Identifiers
{
    public static string[] Unique(IEnumerable<string> names, ISet<string> taken)
    {
        var result = new List<string>();
        foreach (var name in names)
        {
            var candidate = Sanitize(name);
            var unique = candidate;
            for (var i = 2; taken.Contains(unique); i++) unique = candidate + "_" + i;
            taken.Add(unique);
            result.Add(unique);
        }

        return result.ToArray();
    }

    public static string Sanitize(string name)
    {
        var builder = new StringBuilder();
        foreach (var ch in name)
        {
            builder.Append(char.IsLetterOrDigit(ch) || ch == '_' ? ch : '_');
        }

        var text = builder.Length == 0 || char.IsDigit(builder[0]) ? "_" + builder : builder.ToString();
        return SyntaxFacts.GetKeywordKind(text) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(text) != SyntaxKind.None ? "@" + text : text;
    }

    public static string Pascal(string identifier)
    {
        var parts = identifier.TrimStart('@').Split('_').Where(p => p.Length > 0);
        var joined = string.Concat(parts.Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1)));
        return joined.Length == 0 || char.IsDigit(joined[0]) ? "Tensor" + joined : joined;
    }
}
