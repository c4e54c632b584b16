using System;

namespace QuantizedModels.Oracle.Crafting;

/// <summary>A small crafted TFLite model with one int8 input and one int8 output; its ToString says what it is.</summary>
public interface IModelRecipe
{
    /// <summary>The model's bytes, with weights drawn from <paramref name="random"/>.</summary>
    byte[] Build(Random random);

    /// <summary>
    /// What the interpreter runs instead, given a <paramref name="random"/> seeded alike: the same model, unless
    /// TFLite 2.9 lacks the feature and an equivalent model stands in.
    /// </summary>
    byte[] BuildForInterpreter(Random random) => Build(random);
}
