using QuantizedModels;

namespace AotApp;

[QuantizedModel("Models/allbytes.onnx")]
internal partial class AllBytes;
