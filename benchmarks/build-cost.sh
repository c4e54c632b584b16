#!/usr/bin/env bash
# Command-line build cost of a project holding one generated model of 100 K, 1 M and 5 M parameters:
# wall time of `dotnet build` of that project alone (references prebuilt) and the peak resident memory of its
# largest process (the compiler: shared compilation is off so csc runs as a child, measurable with time(1)).
# Each size is built twice: from clean (--no-incremental) and after an edit to an unrelated file. A command-line
# compiler process starts fresh every build, so the generator runs again there; the IDE case, where its
# cached steps make an unrelated edit free, is GeneratorCostBenchmarks.UnrelatedEdit.
#
#   bash benchmarks/build-cost.sh [sizes...]       (default: 0 100000 1000000 5000000; 0 = no model)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
sizes=("${@:-0 100000 1000000 5000000}")
read -r -a sizes <<< "${sizes[*]}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet build "$repo/benchmarks/QuantizedModels.GeneratorCost" -c Release -v q -nologo > /dev/null

build() { # build <project dir> <extra args...>: prints "<seconds> <max RSS MB>"
  local dir="$1"; shift
  /usr/bin/time -f '%e %M' -o "$work/time" \
    dotnet build "$dir" -c Release --no-restore -nologo -v q -nodeReuse:false \
      -p:BuildProjectReferences=false -p:UseSharedCompilation=false "$@" > "$work/build.log" \
    || { cat "$work/build.log"; exit 1; }
  awk '{ printf "%s %d", $1, $2 / 1024 }' "$work/time"
}

printf '| parameters | model file | generated source | clean build | peak memory | build after unrelated edit | peak memory |\n|---:|---:|---:|---:|---:|---:|---:|\n'
for size in "${sizes[@]}"; do
  dir="$work/p$size"
  mkdir -p "$dir/Models"
  cat > "$dir/Sized.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <Import Project="$repo/build/QuantizedModels.InRepo.props" />
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
  </PropertyGroup>
  <Import Project="$repo/build/QuantizedModels.InRepo.targets" />
</Project>
PROJ
  echo 'public static class Unrelated { public static int Answer => 41; }' > "$dir/Unrelated.cs"
  if [ "$size" -gt 0 ]; then
    dotnet "$repo/benchmarks/QuantizedModels.GeneratorCost/bin/Release/net10.0/QuantizedModels.GeneratorCost.dll" write-model "$size" "$dir/Models/sized.onnx" > /dev/null
    printf 'using QuantizedModels;\n[QuantizedModel("Models/sized.onnx")]\npublic partial class SizedModel;\n' > "$dir/SizedModel.cs"
  fi
  dotnet build "$dir" -c Release -nologo -v q -p:RepoRoot="$repo/" > "$work/first.log" || { cat "$work/first.log"; exit 1; }
  read -r clean clean_mb <<< "$(build "$dir" --no-incremental -p:RepoRoot="$repo/")"
  echo "// edited" >> "$dir/Unrelated.cs"
  read -r edit edit_mb <<< "$(build "$dir" -p:RepoRoot="$repo/")"
  model_bytes=$([ "$size" -gt 0 ] && stat -c %s "$dir/Models/sized.onnx" || echo 0)
  generated=$(find "$dir/obj" -name '*.g.cs' -path '*QuantizedModels.Generator*' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
  printf '| %s | %s B | %s B | %s s | %s MB | %s s | %s MB |\n' "$size" "$model_bytes" "$generated" "$clean" "$clean_mb" "$edit" "$edit_mb"
done
