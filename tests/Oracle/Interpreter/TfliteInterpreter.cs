using System;
using System.Runtime.InteropServices;
using static QuantizedModels.Oracle.Interpreter.TfliteNative;

namespace QuantizedModels.Oracle.Interpreter;

/// <summary>
/// A real TensorFlow Lite 2.9 interpreter (built-in kernels, one thread, no delegate) over one model held in
/// memory, for models with one input and one output, each int8 or float32.
/// </summary>
public sealed unsafe class TfliteInterpreter : IDisposable
{
    // TfLiteModelCreate does not copy: the bytes live in native memory, 16-byte aligned as the schema asks of
    // buffer data, until the model is deleted.
    private readonly void* _modelBytes;
    private readonly IntPtr _model;
    private readonly IntPtr _interpreter;
    private readonly IntPtr _inputTensor;
    private readonly IntPtr _outputTensor;

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
            _inputTensor = Created(TfLiteInterpreterGetInputTensor(_interpreter, 0), "TfLiteInterpreterGetInputTensor");
            _outputTensor = Created(TfLiteInterpreterGetOutputTensor(_interpreter, 0), "TfLiteInterpreterGetOutputTensor");
            Input = Describe(_inputTensor);
            Output = Describe(_outputTensor);
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

    public InterpreterTensor Input { get; }

    public InterpreterTensor Output { get; }

    public int InputLength => Input.Length;

    public int OutputLength => Output.Length;

    /// <summary>Runs the model; <typeparamref name="TIn"/> and <typeparamref name="TOut"/> are sbyte for int8 tensors, float for float32.</summary>
    public void Invoke<TIn, TOut>(ReadOnlySpan<TIn> input, Span<TOut> output)
        where TIn : unmanaged
        where TOut : unmanaged
    {
        if (ElementType(Input.Type) != typeof(TIn) || ElementType(Output.Type) != typeof(TOut) || input.Length != InputLength || output.Length != OutputLength)
        {
            throw new ArgumentException($"The model takes {InputLength} {Input.Type} inputs and gives {OutputLength} {Output.Type} outputs, not {input.Length} {typeof(TIn).Name} and {output.Length} {typeof(TOut).Name}.");
        }

        var source = MemoryMarshal.AsBytes(input);
        var destination = MemoryMarshal.AsBytes(output);
        fixed (byte* from = source)
        fixed (byte* to = destination)
        {
            Check(TfLiteTensorCopyFromBuffer(_inputTensor, (IntPtr)from, (nuint)source.Length), "TfLiteTensorCopyFromBuffer");
            Check(TfLiteInterpreterInvoke(_interpreter), "TfLiteInterpreterInvoke");
            Check(TfLiteTensorCopyToBuffer(_outputTensor, (IntPtr)to, (nuint)destination.Length), "TfLiteTensorCopyToBuffer");
        }
    }

    public void Dispose()
    {
        if (_interpreter != IntPtr.Zero) TfLiteInterpreterDelete(_interpreter);
        if (_model != IntPtr.Zero) TfLiteModelDelete(_model);
        NativeMemory.AlignedFree(_modelBytes);
    }

    private static InterpreterTensor Describe(IntPtr tensor)
    {
        var type = TfLiteTensorType(tensor);
        if (type is not (TensorType.Int8 or TensorType.Float32))
        {
            throw new NotSupportedException($"A graph input or output has TfLiteType {(int)type}; this wrapper runs int8 and float32 ones.");
        }

        var quantization = TfLiteTensorQuantizationParams(tensor);
        var length = (int)TfLiteTensorByteSize(tensor) / Marshal.SizeOf(ElementType(type));
        return new InterpreterTensor(type, length, quantization.Scale, quantization.ZeroPoint);
    }

    private static Type ElementType(TensorType type) => type == TensorType.Int8 ? typeof(sbyte) : typeof(float);

    private static IntPtr Created(IntPtr handle, string call) =>
        handle != IntPtr.Zero ? handle : throw new InvalidOperationException($"{call} returned null; TensorFlow Lite printed why on stderr.");

    private static void Check(Status status, string call)
    {
        if (status != Status.Ok) throw new InvalidOperationException($"{call} failed with {status}; TensorFlow Lite printed why on stderr.");
    }

    private static void RequireOne(int count, string what)
    {
        if (count != 1) throw new NotSupportedException($"The model has {count} {what}; this wrapper runs models with one input and one output.");
    }
}
