#!/usr/bin/env bash
# NativeAOT size of a minimal console app that runs one model once, per model, against the same app running the
# same .onnx file through ONNX Runtime (Microsoft.ML.OnnxRuntime, published self-contained for linux-x64 with
# NativeAOT too; it needs libonnxruntime.so and the model file next to the executable).
#
#   bash benchmarks/aot-size.sh
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
models="$repo/benchmarks/QuantizedModels.Benchmarks/Models"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
ort_version=$(sed -n 's/.*Microsoft.ML.OnnxRuntime" Version="\([^"]*\)".*/\1/p' "$repo/benchmarks/QuantizedModels.Benchmarks/QuantizedModels.Benchmarks.csproj")

publish() { # publish <dir>: prints the publish folder
  dotnet publish "$1" -c Release -r linux-x64 -nologo -v q -p:RepoRoot="$repo/" -o "$1/out" > "$1/publish.log" 2>&1 || { cat "$1/publish.log"; exit 1; }
  if grep -qE 'warning (IL|CS)' "$1/publish.log"; then echo "warnings in $1:" >&2; grep -E 'warning (IL|CS)' "$1/publish.log" | sort -u >&2; fi
  echo "$1/out"
}

# shellcheck source=console-project.sh
source "$repo/benchmarks/console-project.sh"
project() { # project <dir> <extra package or import lines> <items>
  console_project "$1" "$2" "<PublishAot>true</PublishAot><TrimmerSingleWarn>false</TrimmerSingleWarn>" "$3"
}

printf '| model | generated app (one file) | ONNX Runtime app: executable | + libonnxruntime.so and model | ratio |\n|---|---:|---:|---:|---:|\n'
for model in kws_ref_model.tflite kws_ref_model_float.onnx mlp.onnx cnn.onnx; do
  name="${model%.*}"
  gen="$work/gen-$name"; mkdir -p "$gen/Models"; cp "$models/$model" "$gen/Models/"
  project "$gen" "<Import Project=\"$repo/build/QuantizedModels.InRepo.props\" />" "<Import Project=\"$repo/build/QuantizedModels.InRepo.targets\" />"
  cat > "$gen/Program.cs" <<CS
using QuantizedModels;
var model = new Model();
var output = new float[Model.OutputLength];
model.Predict(new float[Model.InputLength], output);
System.Console.WriteLine(output[0]);
[QuantizedModel("Models/$model")]
partial class Model;
CS
  gen_out=$(publish "$gen")
  gen_size=$(stat -c %s "$gen_out/App")
  "$gen_out/App" > /dev/null

  ort_model="$name.onnx"
  [ "$model" = kws_ref_model.tflite ] && ort_model=kws_ref_model_float.onnx
  ort="$work/ort-$name"; mkdir -p "$ort"; cp "$models/$ort_model" "$ort/model.onnx"
  project "$ort" "" "<ItemGroup><PackageReference Include=\"Microsoft.ML.OnnxRuntime\" Version=\"$ort_version\" /><None Include=\"model.onnx\" CopyToOutputDirectory=\"PreserveNewest\" /></ItemGroup>"
  cat > "$ort/Program.cs" <<'CS'
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using var session = new InferenceSession(System.IO.Path.Combine(System.AppContext.BaseDirectory, "model.onnx"));
var input = session.InputMetadata.First();
var shape = input.Value.Dimensions.Select(d => System.Math.Max(d, 1)).ToArray();
var tensor = new DenseTensor<float>(shape);
using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor(input.Key, tensor) });
System.Console.WriteLine(results.First().AsEnumerable<float>().First());
CS
  sed -i '1i using System.Linq;' "$ort/Program.cs"
  ort_out=$(publish "$ort")
  "$ort_out/App" > /dev/null
  ort_exe=$(stat -c %s "$ort_out/App")
  ort_total=$(( ort_exe + $(stat -c %s "$ort_out/libonnxruntime.so") + $(stat -c %s "$ort_out/model.onnx") ))
  label="$model"; [ "$model" = kws_ref_model.tflite ] && label="$model (int8; ORT runs the float DS-CNN)"
  printf '| %s | %s B | %s B | %s B | %.1fx |\n' "$label" "$gen_size" "$ort_exe" "$ort_total" "$(echo "$ort_total / $gen_size" | bc -l)"
done
