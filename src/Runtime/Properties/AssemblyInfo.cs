using System.Runtime.CompilerServices;

// The tests compare each kernel's scalar Reference form against an independent double-precision oracle.
[assembly: InternalsVisibleTo("QuantizedModels.Runtime.Tests")]
