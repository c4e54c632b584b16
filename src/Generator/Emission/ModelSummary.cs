using System.Collections.Generic;

namespace QuantizedModels.Generator.Emission;

/// <summary>Facts about the model as the user wrote it (before passes), for the generated documentation.</summary>
internal sealed record ModelSummary(string ModelPath, string Sha256, string GraphName, string Producer, long IrVersion, long Opset, IReadOnlyList<(string Op, int Count)> Operators);
