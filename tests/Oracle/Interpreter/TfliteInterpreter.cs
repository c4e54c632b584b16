using System;
using System.Runtime.InteropServices;
using static QuantizedModels.Oracle.Interpreter.TfliteNative;

namespace QuantizedModels.Oracle.Interpreter;

/// <summary>
/// A real TensorFlow Lite 2.9 interpreter (built-in kernels, one thread, no delegate) over one model held in
/// memory, for models with one int8 input and one int8 output.
/// </summary>
public sealed unsafe class TfliteInterpreter : IDisposable
{
    // TfLiteModelCreate does not copy: the bytes live in native memory, 16-byte aligned as the schema asks of
    // buffer data, until the model is deleted.
    private readonly void* _modelBytes;
    private readonly IntPtr _model;
    private readonly IntPtr _interpreter;
    private readonly IntPtr _input;
    private readonly IntPtr _output;

    public TfliteInterpreter(ReadOnlySpan<byte> model)
    {
        RequireSupportedPlatform();
        _modelBytes = NativeMemory.AlignedAlloc((nuint)model.Length, 16);
        model.CopyTo(new Span<byte>(_modelBytes, model.Length));
        try
        {
            _model = Created(TfLiteModelCreate((IntPtr)_modelBytes, (nuint)model.Length), "TfLiteModelCreate (the flatbuffer failed verification)");
            var options = Created(TfLiteInterpreterOptionsCreate(), "TfLiteInterpreterOptionsCreate");
            TfLiteInterpreterOptionsSetNumThreads(options, 1);
            _interpreter = TfLiteInterpreterCreate(_model, options);
            TfLiteInterpreterOptionsDelete(options);
            Created(_interpreter, "TfLiteInterpreterCreate (an operator is unknown or its options are invalid)");
            Check(TfLiteInterpreterAllocateTensors(_interpreter), "TfLiteInterpreterAllocateTensors (an operator's Prepare rejected the model)");
            RequireOne(TfLiteInterpreterGetInputTensorCount(_interpreter), "inputs");
            RequireOne(TfLiteInterpreterGetOutputTensorCount(_interpreter), "outputs");
            _input = Created(TfLiteInterpreterGetInputTensor(_interpreter, 0), "TfLiteInterpreterGetInputTensor");
            _output = Created(TfLiteInterpreterGetOutputTensor(_interpreter, 0), "TfLiteInterpreterGetOutputTensor");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The version string the library reports, e.g. "2.9.0".</summary>
    public static string Version
    {
        get
        {
            RequireSupportedPlatform();
            return Marshal.PtrToStringUTF8(TfLiteVersion())!;
        }
    }

    public int InputLength => (int)TfLiteTensorByteSize(_input);

    public int OutputLength => (int)TfLiteTensorByteSize(_output);

    public void Invoke(ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        if (input.Length != InputLength || output.Length != OutputLength)
        {
            throw new ArgumentException($"The model takes {InputLength} int8 inputs and gives {OutputLength} outputs, not {input.Length} and {output.Length}.");
        }

        fixed (sbyte* source = input)
        fixed (sbyte* destination = output)
        {
            Check(TfLiteTensorCopyFromBuffer(_input, (IntPtr)source, (nuint)input.Length), "TfLiteTensorCopyFromBuffer");
            Check(TfLiteInterpreterInvoke(_interpreter), "TfLiteInterpreterInvoke");
            Check(TfLiteTensorCopyToBuffer(_output, (IntPtr)destination, (nuint)output.Length), "TfLiteTensorCopyToBuffer");
        }
    }

    public void Dispose()
    {
        if (_interpreter != IntPtr.Zero) TfLiteInterpreterDelete(_interpreter);
        if (_model != IntPtr.Zero) TfLiteModelDelete(_model);
        NativeMemory.AlignedFree(_modelBytes);
    }

    private static IntPtr Created(IntPtr handle, string call) =>
        handle != IntPtr.Zero ? handle : throw new InvalidOperationException($"{call} returned null; TensorFlow Lite printed why on stderr.");

    private static void Check(Status status, string call)
    {
        if (status != Status.Ok) throw new InvalidOperationException($"{call} failed with {status}; TensorFlow Lite printed why on stderr.");
    }

    private static void RequireOne(int count, string what)
    {
        if (count != 1) throw new NotSupportedException($"The model has {count} {what}; this wrapper runs models with one int8 input and one int8 output.");
    }
}
