using System.Collections.Generic;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Reading.Tflite;

/// <summary>Turns the tensor indices of operators and subgraph inputs/outputs into value names.</summary>
internal static class TensorReferences
{
    /// <summary>TFLite marks an omitted optional operator input with index -1; the IR with an empty name.</summary>
    private const int Omitted = -1;

    /// <param name="role">What the list is, for errors: "inputs", "outputs".</param>
    public static List<string> Resolve(FlatVector? indices, IReadOnlyList<string> tensorNames, bool allowOmitted, string describe, string role)
    {
        var names = new List<string>();
        for (var i = 0; i < (indices?.Count ?? 0); i++)
        {
            var index = indices!.Value.GetInt32(i);
            if (index == Omitted && allowOmitted)
            {
                names.Add("");
            }
            else if (index >= 0 && index < tensorNames.Count)
            {
                names.Add(tensorNames[index]);
            }
            else
            {
                throw new ModelException($"{describe} lists tensor {index} among its {role}, but the subgraph has {tensorNames.Count} tensors (0 to {tensorNames.Count - 1}).");
            }
        }

        return names;
    }
}
