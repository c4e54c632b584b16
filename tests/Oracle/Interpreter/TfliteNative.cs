using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace QuantizedModels.Oracle.Interpreter;

/// <summary>
/// The C API of the committed TensorFlow Lite 2.9 library (Tflite/native/README.md), loaded from its path in the
/// repository rather than from the system, so the oracle is always that exact build.
/// </summary>
internal static class TfliteNative
{
    private const string Library = "tensorflowlite_c";

    /// <summary>TfLiteStatus (c_api_types.h).</summary>
    public enum Status
    {
        Ok = 0,
        Error = 1,
        DelegateError = 2,
        ApplicationError = 3,
        DelegateDataNotFound = 4,
        DelegateDataWriteError = 5,
        DelegateDataReadError = 6,
        UnresolvedOps = 7,
    }

    /// <summary>TfLiteQuantizationParams (c_api_types.h): a tensor's per-tensor scale and zero point.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public readonly record struct QuantizationParams(float Scale, int ZeroPoint);

    static TfliteNative() => NativeLibrary.SetDllImportResolver(typeof(TfliteNative).Assembly, Resolve);

    /// <summary>
    /// Where the project copies the committed library (tests/Oracle/Tflite/native/linux-x64): next to the assembly, so
    /// the benchmarks, which compile these interpreter files too, load the same build.
    /// </summary>
    public static string LibraryPath { get; } =
        Path.Combine(AppContext.BaseDirectory, "native", "linux-x64", "libtensorflowlite_c.so");

    /// <summary>Fails (never skips) where the committed build cannot run, so a green run always means compared.</summary>
    public static void RequireSupportedPlatform()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            throw new PlatformNotSupportedException(
                $"The TensorFlow Lite oracle is a linux-x64 library ({LibraryPath}); this is {RuntimeInformation.OSDescription} on {RuntimeInformation.ProcessArchitecture}. Run these tests on linux-x64.");
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == Library ? NativeLibrary.Load(LibraryPath) : IntPtr.Zero;

    [DllImport(Library)]
    public static extern IntPtr TfLiteVersion();

    [DllImport(Library)]
    public static extern IntPtr TfLiteModelCreate(IntPtr modelData, nuint modelSize);

    [DllImport(Library)]
    public static extern void TfLiteModelDelete(IntPtr model);

    [DllImport(Library)]
    public static extern IntPtr TfLiteInterpreterOptionsCreate();

    [DllImport(Library)]
    public static extern void TfLiteInterpreterOptionsSetNumThreads(IntPtr options, int numThreads);

    [DllImport(Library)]
    public static extern void TfLiteInterpreterOptionsDelete(IntPtr options);

    [DllImport(Library)]
    public static extern IntPtr TfLiteInterpreterCreate(IntPtr model, IntPtr options);

    [DllImport(Library)]
    public static extern void TfLiteInterpreterDelete(IntPtr interpreter);

    [DllImport(Library)]
    public static extern Status TfLiteInterpreterAllocateTensors(IntPtr interpreter);

    [DllImport(Library)]
    public static extern int TfLiteInterpreterGetInputTensorCount(IntPtr interpreter);

    [DllImport(Library)]
    public static extern IntPtr TfLiteInterpreterGetInputTensor(IntPtr interpreter, int index);

    [DllImport(Library)]
    public static extern Status TfLiteInterpreterInvoke(IntPtr interpreter);

    [DllImport(Library)]
    public static extern int TfLiteInterpreterGetOutputTensorCount(IntPtr interpreter);

    [DllImport(Library)]
    public static extern IntPtr TfLiteInterpreterGetOutputTensor(IntPtr interpreter, int index);

    [DllImport(Library)]
    public static extern TensorType TfLiteTensorType(IntPtr tensor);

    [DllImport(Library)]
    public static extern nuint TfLiteTensorByteSize(IntPtr tensor);

    [DllImport(Library)]
    public static extern QuantizationParams TfLiteTensorQuantizationParams(IntPtr tensor);

    [DllImport(Library)]
    public static extern Status TfLiteTensorCopyFromBuffer(IntPtr tensor, IntPtr inputData, nuint inputDataSize);

    [DllImport(Library)]
    public static extern Status TfLiteTensorCopyToBuffer(IntPtr tensor, IntPtr outputData, nuint outputDataSize);
}
