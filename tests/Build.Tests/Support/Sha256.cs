using System;
using System.Security.Cryptography;

namespace QuantizedModels.Build.Tests.Support;

internal static class Sha256
{
    /// <summary>Lowercase hex, the form the generated <c>ModelSha256</c> constant uses.</summary>
    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
