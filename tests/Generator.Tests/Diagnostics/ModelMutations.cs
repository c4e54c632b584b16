using System;
using System.Collections.Generic;

namespace QuantizedModels.Generator.Tests.Diagnostics;

/// <summary>
/// Ways a model file gets damaged, picked at random: flipped bits, bytes set to boundary values, 32-bit words
/// (flatbuffer offsets and lengths, protobuf varints) set to extreme values, truncation, and cut or repeated runs.
/// </summary>
internal static class ModelMutations
{
    private static readonly byte[] BoundaryBytes = { 0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF };
    private static readonly uint[] BoundaryWords = { 0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0xFFFFFFF0, 0x00010000 };

    public static byte[] Apply(byte[] model, Random random)
    {
        var bytes = new List<byte>(model);
        for (var count = random.Next(1, 4); count > 0 && bytes.Count > 8; count--)
        {
            switch (random.Next(6))
            {
                case 0:
                    bytes[random.Next(bytes.Count)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[random.Next(bytes.Count)] = BoundaryBytes[random.Next(BoundaryBytes.Length)];
                    break;
                case 2:
                    var word = BitConverter.GetBytes(BoundaryWords[random.Next(BoundaryWords.Length)]);
                    var at = random.Next(bytes.Count - 4) & ~3;
                    for (var i = 0; i < 4; i++) bytes[at + i] = word[i];
                    break;
                case 3:
                    var cut = random.Next(8, bytes.Count);
                    bytes.RemoveRange(cut, bytes.Count - cut);
                    break;
                case 4:
                    var start = random.Next(bytes.Count);
                    bytes.RemoveRange(start, Math.Min(bytes.Count - start, random.Next(1, 64)));
                    break;
                default:
                    var from = random.Next(bytes.Count);
                    var run = bytes.GetRange(from, Math.Min(bytes.Count - from, random.Next(1, 64)));
                    bytes.InsertRange(random.Next(bytes.Count), run);
                    break;
            }
        }

        return bytes.ToArray();
    }
}
