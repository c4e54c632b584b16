namespace QuantizedModels.Oracle.Crafting;

/// <summary>
/// A named crafted model and how many of its outputs may differ from the interpreter's by one step: TFLite 2.9's
/// optimized CONV_2D (what the interpreter runs) rounds negative ties up where the reference kernels (what is
/// compiled) round them away from zero (Conv2DRoundingTests), and its float-to-int8 QUANTIZE divides by the scale
/// in double where the reference divides in float (QuantizeRoundingTests). The bound is what was measured, so any
/// change shows.
/// </summary>
public sealed record OperatorCase(string Name, IModelRecipe Recipe, int AllowedDiffering = 0)
{
    /// <summary>A seed from the name alone, so a case's weights and inputs never change with its neighbours.</summary>
    public int Seed
    {
        get
        {
            var hash = 2166136261u;
            foreach (var c in Name)
            {
                hash = (hash ^ c) * 16777619u;
            }

            return (int)(hash & 0x7FFFFFFF);
        }
    }
}
