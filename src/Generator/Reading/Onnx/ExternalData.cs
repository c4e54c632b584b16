using System;
using System.Collections.Generic;
using System.Globalization;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Reading.Onnx;

/// <summary>
/// Tensor bytes kept outside the model file (<c>data_location = EXTERNAL</c>). Files come from the build
/// through a callback, by a location relative to the model's folder; each is fetched once per model.
/// </summary>
internal sealed class ExternalData
{
    private readonly Func<string, byte[]?> resolve;
    private readonly Dictionary<string, byte[]?> files = new(StringComparer.Ordinal);

    public ExternalData(Func<string, byte[]?> resolve)
    {
        this.resolve = resolve;
    }

    /// <param name="entries">The tensor's <c>external_data</c> key/value pairs.</param>
    /// <param name="where">The tensor, as errors name it.</param>
    /// <param name="expectedBytes">Bytes the tensor's type and dimensions call for; checked before copying.</param>
    public byte[] Read(IReadOnlyList<KeyValuePair<string, string>> entries, string where, long expectedBytes)
    {
        string? location = null;
        string? offsetText = null;
        string? lengthText = null;
        foreach (var entry in entries)
        {
            switch (entry.Key)
            {
                case "location": location = entry.Value; break;
                case "offset": offsetText = entry.Value; break;
                case "length": lengthText = entry.Value; break;
            }
        }

        if (string.IsNullOrEmpty(location))
        {
            throw new ModelException($"{where} keeps its data in an external file but does not say which (no 'location' entry).");
        }

        var path = RelativePath(location!, where);
        var file = Fetch(path, where);
        var offset = offsetText is null ? 0 : ParseByteCount(offsetText, "offset", where);
        if (offset > file.Length)
        {
            throw new ModelException($"{where} reads external data from byte {offset} of '{path}', but that file has only {file.Length} bytes.");
        }

        var length = lengthText is null ? file.Length - offset : ParseByteCount(lengthText, "length", where);
        if (length > file.Length - offset)
        {
            throw new ModelException($"{where} reads {length} bytes from byte {offset} of '{path}', past the end of that file ({file.Length} bytes).");
        }

        if (length != expectedBytes)
        {
            throw new ModelException($"{where} takes {length} bytes from '{path}', but its type and dimensions need {expectedBytes}.");
        }

        var bytes = new byte[length];
        Buffer.BlockCopy(file, (int)offset, bytes, 0, (int)length);
        return bytes;
    }

    /// <summary>
    /// The location with '/' separators and no '.' segments. Absolute paths and '..' are refused so a
    /// model cannot make the build read files outside its own folder.
    /// </summary>
    private static string RelativePath(string location, string where)
    {
        var segments = location.Split('/', '\\');
        if (location[0] is '/' or '\\' || segments[0].IndexOf(':') >= 0)
        {
            throw new ModelException($"{where} names its external data file by the absolute path '{location}'; ONNX requires a path relative to the model's folder.");
        }

        var kept = new List<string>();
        foreach (var segment in segments)
        {
            if (segment == "..")
            {
                throw new ModelException($"{where} names its external data file '{location}', which leaves the model's folder; only files in or below the model's folder can be used.");
            }

            if (segment.Length > 0 && segment != ".")
            {
                kept.Add(segment);
            }
        }

        if (kept.Count == 0)
        {
            throw new ModelException($"{where} names '{location}' as its external data file, which is a folder, not a file.");
        }

        return string.Join("/", kept);
    }

    private byte[] Fetch(string path, string where)
    {
        if (!files.TryGetValue(path, out var file))
        {
            file = resolve(path);
            files[path] = file;
        }

        return file ?? throw new ModelException(
            $"{where} keeps its data in the external file '{path}', which was not given to the build. "
            + $"Add it next to the model, e.g. <QuantizedModel Include=\"Models/{path}\" /> when the model is in Models/.");
    }

    private static long ParseByteCount(string text, string key, string where)
    {
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new ModelException($"{where} has external data {key} '{text}', which is not a whole number of bytes.");
        }

        return value;
    }
}
