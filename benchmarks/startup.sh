#!/usr/bin/env bash
# Start-up of the float DS-CNN (kws_ref_model_float.onnx) in fresh processes: the generated class (constructor + first
# Predict) against ONNX Runtime (new InferenceSession, single-threaded, + first Run), each app published three ways:
# JIT (framework-dependent), ReadyToRun, NativeAOT. Each app times its own first result with a Stopwatch started at
# the top of Main (in-process); the script also times the whole process from exec to exit (wall). Medians of N runs.
#
#   bash benchmarks/startup.sh [N=15] [modes="jit r2r aot"]
set -euo pipefail
runs="${1:-15}"
modes="${2:-jit r2r aot}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
model="$repo/benchmarks/QuantizedModels.Benchmarks/Models/kws_ref_model_float.onnx"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
ort_version=$(sed -n 's/.*Microsoft.ML.OnnxRuntime" Version="\([^"]*\)".*/\1/p' "$repo/benchmarks/QuantizedModels.Benchmarks/QuantizedModels.Benchmarks.csproj")

# shellcheck source=console-project.sh
source "$repo/benchmarks/console-project.sh"
# ReadyToRun and NativeAOT are set in the project, not on the command line, so the generator's netstandard2.0
# projects are not asked to be AOT-compiled.
project() { # project <dir> <import or package lines> <items>
  console_project "$1" "$2" "<PublishReadyToRun Condition=\"'\$(StartupMode)' == 'r2r'\">true</PublishReadyToRun><PublishAot Condition=\"'\$(StartupMode)' == 'aot'\">true</PublishAot><SelfContained Condition=\"'\$(StartupMode)' != 'aot'\">false</SelfContained>" "$3"
  cp "$model" "$1/model.onnx"
}

# The same Program.cs source for every mode; the publish properties pick JIT, ReadyToRun or NativeAOT.
project "$work/gen" "<Import Project=\"$repo/build/QuantizedModels.InRepo.props\" />" "<Import Project=\"$repo/build/QuantizedModels.InRepo.targets\" />"
cat > "$work/gen/Program.cs" <<'CS'
using QuantizedModels;
var clock = System.Diagnostics.Stopwatch.StartNew();
var model = new Model();
var output = new float[Model.OutputLength];
model.Predict(new float[Model.InputLength], output);
var elapsed = clock.Elapsed.TotalMilliseconds;
System.Console.WriteLine($"{elapsed.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)} {output[0]}");
[QuantizedModel("model.onnx")]
partial class Model;
CS

project "$work/ort" "" "<ItemGroup><PackageReference Include=\"Microsoft.ML.OnnxRuntime\" Version=\"$ort_version\" /><None Include=\"model.onnx\" CopyToOutputDirectory=\"PreserveNewest\" /></ItemGroup>"
cat > "$work/ort/Program.cs" <<'CS'
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
var clock = System.Diagnostics.Stopwatch.StartNew();
using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
using var session = new InferenceSession(System.IO.Path.Combine(System.AppContext.BaseDirectory, "model.onnx"), options);
var input = session.InputMetadata.First();
var tensor = new DenseTensor<float>(input.Value.Dimensions.Select(d => System.Math.Max(d, 1)).ToArray());
using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor(input.Key, tensor) });
var first = results.First().AsEnumerable<float>().First();
var elapsed = clock.Elapsed.TotalMilliseconds;
System.Console.WriteLine($"{elapsed.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)} {first}");
CS

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

measure() { # measure <app dir> <mode>: prints "in-process wall" medians in ms
  local out="$1/out-$2"
  dotnet publish "$1" -c Release -r linux-x64 -nologo -v q -p:RepoRoot="$repo/" -p:StartupMode="$2" -o "$out" > "$out.log" 2>&1 || { cat "$out.log" >&2; exit 1; }
  "$out/App" > /dev/null # the first launch warms the disk cache
  : > "$out.inproc"; : > "$out.wall"
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$out/App" | cut -d' ' -f1 >> "$out.inproc"
    end=$(date +%s%N)
    echo "scale=2; ($end - $start) / 1000000" | bc >> "$out.wall"
  done
  echo "$(median < "$out.inproc") $(median < "$out.wall")"
}

printf '| build | generated: in-process | generated: process | ORT: in-process | ORT: process | in-process ratio |\n|---|---:|---:|---:|---:|---:|\n'
for mode in $modes; do
  read -r gen_in gen_wall < <(measure "$work/gen" "$mode")
  read -r ort_in ort_wall < <(measure "$work/ort" "$mode")
  printf '| %s | %s ms | %s ms | %s ms | %s ms | %.0fx |\n' "$mode" "$gen_in" "$gen_wall" "$ort_in" "$ort_wall" "$(echo "$ort_in / $gen_in" | bc -l)"
done
