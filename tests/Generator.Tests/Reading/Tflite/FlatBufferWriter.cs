using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace QuantizedModels.Generator.Tests.Reading.Tflite;

/// <summary>
/// Writes small flatbuffers for tests, front to back: each table's vtable just before it, children after
/// their parent so every uoffset points forward as the format requires.
/// </summary>
internal sealed class FlatBufferWriter
{
    private readonly List<byte> bytes = new();

    /// <summary>Fields by schema slot: scalars as their little-endian bytes, or a child (table, string, vector).</summary>
    public sealed class Table
    {
        public SortedDictionary<int, object> Fields { get; } = new();

        public Table Byte(int slot, byte value) => Set(slot, new[] { value });

        public Table Int(int slot, int value) => Set(slot, BitConverter.GetBytes(value));

        public Table UInt64(int slot, ulong value) => Set(slot, BitConverter.GetBytes(value));

        /// <summary>A table, string, int[] (vector of int32), byte[] (vector of ubyte) or Table[].</summary>
        public Table Child(int slot, object child) => Set(slot, new Reference(child));

        private Table Set(int slot, object field)
        {
            Fields[slot] = field;
            return this;
        }
    }

    private sealed record Reference(object Target);

    public static byte[] Build(Table root, string identifier = "TFL3")
    {
        var writer = new FlatBufferWriter();
        writer.bytes.AddRange(new byte[4]);
        writer.bytes.AddRange(Encoding.ASCII.GetBytes(identifier));
        writer.PatchOffset(0, writer.WriteTable(root));
        return writer.bytes.ToArray();
    }

    private int WriteTable(Table table)
    {
        var slots = table.Fields.Keys.DefaultIfEmpty(-1).Max() + 1;
        var fieldOffsets = new Dictionary<int, int>();
        var tableSize = 4;
        foreach (var field in table.Fields)
        {
            fieldOffsets[field.Key] = tableSize;
            tableSize += field.Value is byte[] scalar ? scalar.Length : 4;
        }

        var vtable = bytes.Count;
        AddUInt16(4 + (2 * slots));
        AddUInt16(tableSize);
        for (var slot = 0; slot < slots; slot++)
        {
            AddUInt16(fieldOffsets.TryGetValue(slot, out var offset) ? offset : 0);
        }

        var position = bytes.Count;
        bytes.AddRange(BitConverter.GetBytes(position - vtable));
        var children = new List<(int At, object Target)>();
        foreach (var field in table.Fields.Values)
        {
            if (field is Reference reference)
            {
                children.Add((bytes.Count, reference.Target));
                bytes.AddRange(new byte[4]);
            }
            else
            {
                bytes.AddRange((byte[])field);
            }
        }

        foreach (var (at, target) in children)
        {
            PatchOffset(at, WriteChild(target));
        }

        return position;
    }

    private int WriteChild(object child)
    {
        var position = bytes.Count;
        switch (child)
        {
            case Table table:
                return WriteTable(table);
            case string text:
                var utf8 = Encoding.UTF8.GetBytes(text);
                bytes.AddRange(BitConverter.GetBytes(utf8.Length));
                bytes.AddRange(utf8);
                bytes.Add(0);
                return position;
            case int[] ints:
                bytes.AddRange(BitConverter.GetBytes(ints.Length));
                bytes.AddRange(ints.SelectMany(BitConverter.GetBytes));
                return position;
            case byte[] data:
                bytes.AddRange(BitConverter.GetBytes(data.Length));
                bytes.AddRange(data);
                return position;
            case Table[] tables:
                bytes.AddRange(BitConverter.GetBytes(tables.Length));
                bytes.AddRange(new byte[4 * tables.Length]);
                for (var i = 0; i < tables.Length; i++)
                {
                    PatchOffset(position + 4 + (4 * i), WriteTable(tables[i]));
                }

                return position;
            default:
                throw new ArgumentException($"Cannot write a {child.GetType().Name}.");
        }
    }

    private void PatchOffset(int at, int target)
    {
        var offset = BitConverter.GetBytes(target - at);
        for (var i = 0; i < 4; i++)
        {
            bytes[at + i] = offset[i];
        }
    }

    private void AddUInt16(int value) => bytes.AddRange(BitConverter.GetBytes((ushort)value));
}
