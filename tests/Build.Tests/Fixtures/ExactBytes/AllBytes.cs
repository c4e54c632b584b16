using QuantizedModels;

namespace ExactBytes;

[QuantizedModel("Models/allbytes.onnx")]
internal partial class AllBytes;
