using System.Collections.Generic;

namespace QuantizedModels.Generator.Reading.Tflite;

/// <summary>
/// TFLite identifies tensors by index, so names may repeat or be empty; the IR identifies values by name.
/// </summary>
internal static class TensorNames
{
    /// <summary>
    /// The first tensor with a name keeps it; a repeat becomes "name_2", "name_3" ... and an empty name
    /// "tensor_{index}", skipping any name the file uses elsewhere. Depends only on the names, in order.
    /// </summary>
    public static string[] MakeUnique(IReadOnlyList<string> names)
    {
        var namesInFile = new HashSet<string>(names);
        var assigned = new HashSet<string>();
        var nextSuffix = new Dictionary<string, int>();
        var unique = new string[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            if (name.Length > 0 && assigned.Add(name))
            {
                unique[i] = name;
                continue;
            }

            var stem = name.Length > 0 ? name : $"tensor_{i}";
            var candidate = stem;
            while (namesInFile.Contains(candidate) || assigned.Contains(candidate))
            {
                var suffix = nextSuffix.TryGetValue(stem, out var next) ? next : 2;
                nextSuffix[stem] = suffix + 1;
                candidate = $"{stem}_{suffix}";
            }

            assigned.Add(candidate);
            unique[i] = candidate;
        }

        return unique;
    }
}
