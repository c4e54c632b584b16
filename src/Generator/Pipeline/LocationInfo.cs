using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace QuantizedModels.Generator.Pipeline;

/// <summary>An equatable stand-in for <see cref="Location"/>, which must not be held in cached pipeline models.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location? location) =>
        location?.SourceTree is null ? null : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);

    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}
