using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Reading.Protobuf;

namespace QuantizedModels.Generator.Reading.Onnx;

/// <summary>Reads an ONNX <c>AttributeProto</c>. Subgraphs are not read, only marked, so later stages can say they are unsupported.</summary>
internal static class AttributeReader
{
    // AttributeProto.AttributeType values beyond those AttributeKind shares with ONNX.
    private const long SparseTensorType = 11;
    private const long SparseTensorsType = 12;
    private const long TypeProtoType = 13;
    private const long TypeProtosType = 14;

    /// <param name="describeNode">The node, as errors name it.</param>
    public static (string Name, AttributeValue Value) Read(ProtoReader message, string describeNode, ExternalData externalData)
    {
        var fields = new Fields();
        Func<string> describe = () => fields.Name.Length > 0 ? $"{describeNode}, attribute '{fields.Name}'" : $"{describeNode}, an attribute";
        MessageScan.Run(message, describe, (field, wireType) => fields.Read(message, field, wireType));

        var where = describe();
        var value = new AttributeValue { Kind = Kind(fields, where) };
        switch (value.Kind)
        {
            case AttributeKind.Float:
                value.Float = fields.Float;
                break;
            case AttributeKind.Int:
                value.Int = fields.Int;
                break;
            case AttributeKind.String:
                value.String = Encoding.UTF8.GetString(fields.String ?? Array.Empty<byte>());
                break;
            case AttributeKind.Tensor:
                value.Tensor = fields.Tensor is { } tensor
                    ? TensorProtoReader.Read(tensor, _ => where, externalData).Data
                    : throw new ModelException($"{where} is declared a tensor but holds none.");
                break;
            case AttributeKind.Floats:
                value.Floats = fields.Floats;
                break;
            case AttributeKind.Ints:
                value.Ints = fields.Ints.ConvertAll(v => unchecked((long)v));
                break;
            case AttributeKind.Strings:
                value.Strings = fields.Strings.ConvertAll(s => Encoding.UTF8.GetString(s));
                break;
            case AttributeKind.Tensors:
                value.Tensors = fields.Tensors.Select((t, i) => TensorProtoReader.Read(t, _ => $"{where}, tensor {i + 1}", externalData).Data).ToList();
                break;
        }

        return (fields.Name, value);
    }

    /// <summary>The declared kind, or for IR version 1 files (no type field) the kind of the value field present.</summary>
    private static AttributeKind Kind(Fields fields, string where)
    {
        var type = fields.Type ?? InferType(fields);
        return type switch
        {
            >= (long)AttributeKind.Float and <= (long)AttributeKind.Graphs => (AttributeKind)type,
            SparseTensorType or SparseTensorsType => throw new ModelException($"{where} holds a sparse tensor; sparse tensors are not supported."),
            TypeProtoType or TypeProtosType => throw new ModelException($"{where} holds a type description, which is not supported."),
            (long)AttributeKind.Undefined => throw new ModelException($"{where} has no value."),
            _ => throw new ModelException($"{where} has attribute type {type}, which ONNX does not define."),
        };
    }

    private static long InferType(Fields fields) =>
        fields.HasFloat ? (long)AttributeKind.Float
        : fields.HasInt ? (long)AttributeKind.Int
        : fields.String is not null ? (long)AttributeKind.String
        : fields.Tensor is not null ? (long)AttributeKind.Tensor
        : fields.HasSingleGraph ? (long)AttributeKind.Graph
        : fields.Floats.Count > 0 ? (long)AttributeKind.Floats
        : fields.Ints.Count > 0 ? (long)AttributeKind.Ints
        : fields.Strings.Count > 0 ? (long)AttributeKind.Strings
        : fields.Tensors.Count > 0 ? (long)AttributeKind.Tensors
        : fields.HasGraphs ? (long)AttributeKind.Graphs
        : fields.HasSparseTensor ? SparseTensorType
        : (long)AttributeKind.Undefined;

    private sealed class Fields
    {
        public string Name { get; private set; } = "";

        public long? Type { get; private set; }

        public float Float { get; private set; }

        public bool HasFloat { get; private set; }

        public long Int { get; private set; }

        public bool HasInt { get; private set; }

        public byte[]? String { get; private set; }

        public ProtoReader? Tensor { get; private set; }

        public List<ProtoReader> Tensors { get; } = new();

        public bool HasSingleGraph { get; private set; }

        public bool HasGraphs { get; private set; }

        public bool HasSparseTensor { get; private set; }

        public List<float> Floats { get; } = new();

        public List<ulong> Ints { get; } = new();

        public List<byte[]> Strings { get; } = new();

        public void Read(ProtoReader message, int field, WireType wireType)
        {
            switch (field)
            {
                case 1: Name = message.ReadString(wireType); break;
                case 2: Float = message.ReadFloat(wireType); HasFloat = true; break;
                case 3: Int = message.ReadInt64(wireType); HasInt = true; break;
                case 4: String = message.ReadBytes(wireType); break;
                case 5: Tensor = message.ReadMessage(wireType); break;
                case 6: message.ReadMessage(wireType); HasSingleGraph = true; break;
                case 7: ReadFloats(message, wireType); break;
                case 8: message.ReadRepeatedVarint(wireType, Ints); break;
                case 9: Strings.Add(message.ReadBytes(wireType)); break;
                case 10: Tensors.Add(message.ReadMessage(wireType)); break;
                case 11: message.ReadMessage(wireType); HasGraphs = true; break;
                case 20: Type = message.ReadInt64(wireType); break;
                case 22 or 23: message.ReadMessage(wireType); HasSparseTensor = true; break;
                default: message.Skip(field, wireType); break;
            }
        }

        private void ReadFloats(ProtoReader message, WireType wireType)
        {
            var bits = new List<uint>();
            message.ReadRepeatedFixed32(wireType, bits);
            Floats.AddRange(bits.Select(b => BitConverter.ToSingle(BitConverter.GetBytes(b), 0)));
        }
    }
}
