using System.Collections.Generic;
using QuantizedModels.Generator.Graph;
using static QuantizedModels.Generator.Reading.Tflite.TfliteSchema;

namespace QuantizedModels.Generator.Reading.Tflite;

/// <summary>What an entry of the model's operator_codes names: a node's op type and domain.</summary>
internal sealed record TfliteOperatorKind(string OpType, string Domain);

/// <summary>Reads the model's <c>operator_codes</c>, which operators refer to by index.</summary>
internal static class TfliteOperatorCodes
{
    public const string BuiltinDomain = "tflite";
    public const string CustomDomain = "tflite.custom";

    public static List<TfliteOperatorKind> Read(FlatVector? codes)
    {
        var kinds = new List<TfliteOperatorKind>();
        for (var i = 0; i < (codes?.Count ?? 0); i++)
        {
            var index = i;
            kinds.Add(TfliteSection.Read(() => $"Operator code {index}", () => ReadCode(codes!.Value.GetTable(index), index)));
        }

        return kinds;
    }

    private static TfliteOperatorKind ReadCode(FlatTable code, int index)
    {
        // Codes above 127 do not fit the original byte field; writers put 127 there and the real code in
        // builtin_code, while old writers fill only the byte field. The larger of the two is the code.
        var deprecatedCode = code.GetSByte(OperatorCode.DeprecatedBuiltinCode, 0);
        var builtinCode = System.Math.Max(code.GetInt32(OperatorCode.BuiltinCode, 0), deprecatedCode);
        if (builtinCode == TfliteBuiltinOperators.Custom)
        {
            var customCode = code.GetString(OperatorCode.CustomCode);
            if (string.IsNullOrEmpty(customCode))
            {
                throw new ModelException($"Operator code {index} is a custom operator without a name (custom_code is empty).");
            }

            return new TfliteOperatorKind(customCode!, CustomDomain);
        }

        var name = TfliteBuiltinOperators.Name(builtinCode)
            ?? throw new ModelException($"Operator code {index} is builtin operator {builtinCode}, which this reader does not know; the model may need a newer TensorFlow Lite schema.");
        return new TfliteOperatorKind(name, BuiltinDomain);
    }
}
