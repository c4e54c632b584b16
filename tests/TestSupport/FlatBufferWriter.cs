using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace QuantizedModels.TestSupport;

/// <summary>
/// Writes small flatbuffers for tests, front to back: each table's vtable just before it, children after
/// their parent so every uoffset points forward as the format requires. Everything is aligned as the
/// flatbuffers verifier checks (scalars and vector elements to their size, tables to their widest field),
/// and byte vectors start on 16 bytes as TFLite's schema asks of buffer data (force_align: 16).
/// </summary>
public sealed class FlatBufferWriter
{
    private const int ByteVectorAlignment = 16;

    private readonly List<byte> bytes = new();

    /// <summary>Fields by schema slot: scalars as their little-endian bytes, or a child (table, string, vector).</summary>
    public sealed class Table
    {
        public SortedDictionary<int, object> Fields { get; } = new();

        public Table Byte(int slot, byte value) => Set(slot, new[] { value });

        public Table Bool(int slot, bool value) => Byte(slot, value ? (byte)1 : (byte)0);

        public Table Int(int slot, int value) => Set(slot, BitConverter.GetBytes(value));

        public Table Float(int slot, float value) => Set(slot, BitConverter.GetBytes(value));

        public Table UInt64(int slot, ulong value) => Set(slot, BitConverter.GetBytes(value));

        /// <summary>A table, string, or vector: int[] (int32), float[], long[] (int64), byte[] (ubyte) or Table[].</summary>
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

    private static int SizeOf(object field) => field is byte[] scalar ? scalar.Length : 4;

    private int WriteTable(Table table)
    {
        var slots = table.Fields.Keys.DefaultIfEmpty(-1).Max() + 1;
        var fieldOffsets = new Dictionary<int, int>();
        var tableSize = 4;
        var alignment = 4;
        foreach (var field in table.Fields)
        {
            var size = SizeOf(field.Value);
            tableSize = AlignUp(tableSize, size);
            fieldOffsets[field.Key] = tableSize;
            tableSize += size;
            alignment = Math.Max(alignment, size);
        }

        var vtableSize = 4 + (2 * slots);
        Pad(alignment, vtableSize);
        AddUInt16(vtableSize);
        AddUInt16(tableSize);
        for (var slot = 0; slot < slots; slot++)
        {
            AddUInt16(fieldOffsets.TryGetValue(slot, out var offset) ? offset : 0);
        }

        var position = bytes.Count;
        bytes.AddRange(BitConverter.GetBytes(vtableSize));
        bytes.AddRange(new byte[tableSize - 4]);
        var children = new List<(int At, object Target)>();
        foreach (var field in table.Fields)
        {
            var at = position + fieldOffsets[field.Key];
            if (field.Value is Reference reference)
            {
                children.Add((at, reference.Target));
            }
            else
            {
                var scalar = (byte[])field.Value;
                for (var i = 0; i < scalar.Length; i++)
                {
                    bytes[at + i] = scalar[i];
                }
            }
        }

        foreach (var (at, target) in children)
        {
            PatchOffset(at, WriteChild(target));
        }

        return position;
    }

    private int WriteChild(object child) => child switch
    {
        Table table => WriteTable(table),
        string text => WriteString(Encoding.UTF8.GetBytes(text)),
        int[] ints => WriteVector(ints.SelectMany(BitConverter.GetBytes), 4, ints.Length),
        float[] floats => WriteVector(floats.SelectMany(BitConverter.GetBytes), 4, floats.Length),
        long[] longs => WriteVector(longs.SelectMany(BitConverter.GetBytes), 8, longs.Length),
        byte[] data => WriteVector(data, ByteVectorAlignment, data.Length),
        Table[] tables => WriteTables(tables),
        _ => throw new ArgumentException($"Cannot write a {child.GetType().Name}."),
    };

    /// <summary>A length-prefixed vector whose first element lands on <paramref name="alignment"/>.</summary>
    private int WriteVector(IEnumerable<byte> elements, int alignment, int length)
    {
        Pad(Math.Max(alignment, 4), 4);
        var position = bytes.Count;
        bytes.AddRange(BitConverter.GetBytes(length));
        bytes.AddRange(elements);
        return position;
    }

    /// <summary>A string is a byte vector with a terminating zero the length does not count.</summary>
    private int WriteString(byte[] utf8) => WriteVector([.. utf8, 0], 1, utf8.Length);

    private int WriteTables(Table[] tables)
    {
        var position = WriteVector(new byte[4 * tables.Length], 4, tables.Length);
        for (var i = 0; i < tables.Length; i++)
        {
            PatchOffset(position + 4 + (4 * i), WriteTable(tables[i]));
        }

        return position;
    }

    /// <summary>Zero bytes so that what follows a <paramref name="prefix"/>-byte header starts on <paramref name="alignment"/>.</summary>
    private void Pad(int alignment, int prefix)
    {
        while ((bytes.Count + prefix) % alignment != 0)
        {
            bytes.Add(0);
        }
    }

    private static int AlignUp(int value, int alignment) => (value + alignment - 1) / alignment * alignment;

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
